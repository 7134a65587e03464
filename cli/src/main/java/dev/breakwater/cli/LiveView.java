package dev.breakwater.cli;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CircuitState;
import dev.breakwater.newrelic.StreamerStats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The demo's terminal view. On a terminal it redraws one screen in place (ANSI cursor-home and
 * clear-to-end, so nothing flickers); otherwise it prints a compact status line at most every
 * two seconds, fit for logs and pipes.
 */
final class LiveView {
  private static final String HOME = "\u001b[H";
  private static final String CLEAR_LINE = "\u001b[K";
  private static final String CLEAR_BELOW = "\u001b[J";
  private static final String RESET = "\u001b[0m";

  private final PrintWriter out;
  private final boolean terminal;
  private final double durationSeconds;
  private final boolean live;
  private double lastPlainLine = -10;

  /** A view; {@code live} when targeting real New Relic, which has no fault phases to show. */
  LiveView(PrintWriter out, boolean terminal, double durationSeconds, boolean live) {
    this.out = out;
    this.terminal = terminal;
    this.durationSeconds = durationSeconds;
    this.live = live;
    if (terminal) {
      out.print("\u001b[2J");
    }
  }

  /** What the view shows at one moment. */
  record Frame(double seconds, String phase, String faults, List<CircuitBreaker> breakers,
      long produced, StreamerStats entities, StreamerStats metrics, NrqlPoller poller) {}

  void render(Frame f) {
    if (terminal) {
      out.print(HOME + screen(f).replace("\n", CLEAR_LINE + "\n") + CLEAR_BELOW);
      out.flush();
    } else if (f.seconds() - lastPlainLine >= 2) {
      lastPlainLine = f.seconds();
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%5.1fs] %-32s", f.seconds(), f.phase()));
      for (CircuitBreaker b : f.breakers()) {
        line.append(' ').append(b.name()).append('=').append(b.state());
      }
      line.append(String.format(Locale.ROOT, "  produced=%d buffered=%d delivered=%d dropped=%d",
          f.produced(), f.entities().inBuffer(), f.entities().delivered(), f.entities().dropped()));
      out.println(line);
      out.flush();
    }
  }

  private String screen(Frame f) {
    StringBuilder s = new StringBuilder();
    s.append(bold("Breakwater demo: a service riding out a New Relic outage"))
        .append(String.format(Locale.ROOT, "    %5.1f s / %.0f s%n", f.seconds(), durationSeconds));
    if (live) {
      s.append("Live New Relic: ").append(bold("no faults injected")).append("; whatever happens is real\n\n");
    } else {
      s.append("Fake New Relic now: ").append(bold(f.phase())).append("  ").append(f.faults()).append("\n\n");
    }
    s.append(String.format(Locale.ROOT, "%-16s %-12s %8s %9s %9s %11s %13s%n",
        "circuit breaker", "state", "calls", "failures", "timeouts", "rejections", "mean latency"));
    for (CircuitBreaker b : f.breakers()) {
      CircuitBreakerStats st = b.stats();
      s.append(String.format(Locale.ROOT, "%-16s %s %8d %9d %9d %11d %10.1f ms%n", b.name(),
          colored(st.state()), st.totalCalls(), st.totalFailures(), st.totalTimeouts(),
          st.totalRejections(), st.averageResponseTime().toNanos() / 1e6));
    }
    StreamerStats e = f.entities();
    StreamerStats m = f.metrics();
    s.append('\n');
    s.append(String.format(Locale.ROOT, "entity streamer   produced %7d   buffered %6d   delivered %7d   dropped %d%n",
        f.produced(), e.inBuffer(), e.delivered(), e.dropped()));
    s.append(String.format(Locale.ROOT, "metric streamer   reports  %7d   buffered %6d   delivered %7d   dropped %d%n",
        m.accepted(), m.inBuffer(), m.delivered(), m.dropped()));
    if (f.poller() != null) {
      s.append(String.format(Locale.ROOT, "NRQL poller       answered %7d   failed   %6d   refused   %7d   %s%n",
          f.poller().answered(), f.poller().failed(), f.poller().rejected(), f.poller().lastAnswer()));
    }
    return s.toString();
  }

  private String bold(String text) {
    return terminal ? "\u001b[1m" + text + RESET : text;
  }

  private String colored(CircuitState state) {
    String padded = String.format(Locale.ROOT, "%-12s", state);
    if (!terminal) {
      return padded;
    }
    String color = switch (state) {
      case CLOSED -> "\u001b[32m";
      case OPEN, FORCED_OPEN -> "\u001b[31;1m";
      case HALF_OPEN -> "\u001b[33m";
      case DISABLED -> "\u001b[90m";
    };
    return color + padded + RESET;
  }
}
