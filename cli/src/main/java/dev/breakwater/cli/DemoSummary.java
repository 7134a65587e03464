package dev.breakwater.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The text summary printed at the end of a demo run. */
final class DemoSummary {
  private final DemoResult r;
  private final Timeline timeline;
  private final Path report;

  DemoSummary(DemoResult result, Timeline timeline, Path report) {
    this.r = result;
    this.timeline = timeline;
    this.report = report;
  }

  void print(PrintWriter out) {
    out.println();
    out.println("Summary");
    out.printf(Locale.ROOT, "  events produced   %d%n", r.produced());
    if (r.delivered() >= 0) {
      out.printf(Locale.ROOT, "  delivered         %d distinct, %d duplicates%n", r.delivered(), r.duplicates());
    }
    out.printf(Locale.ROOT, "  dropped           %d%n", r.dropped());
    out.printf(Locale.ROOT, "  lost              %d%n", r.lost());
    out.printf(Locale.ROOT, "  NRQL polls        %d answered, %d failed, %d refused while the circuit was open%n",
        r.nrqlAnswered(), r.nrqlFailed(), r.nrqlRefused());
    out.println("  state changes");
    for (String breaker : r.breakers()) {
      StringBuilder line = new StringBuilder();
      for (Timeline.Transition t : timeline.transitions()) {
        if (t.breaker().equals(breaker)) {
          line.append(String.format(Locale.ROOT, "%n      %5.1f s  %-9s -> %-9s (%s)", t.seconds(), t.from(), t.to(), t.reason()));
        }
      }
      out.printf(Locale.ROOT, "    %-18s%s%n", breaker, line.length() == 0 ? " none" : line.toString());
    }
    out.printf("  report            %s%n", report.toAbsolutePath());
    out.println(r.nothingLost() ? "Nothing lost." : "LOST " + r.lost() + " and DROPPED " + r.dropped() + " events.");
    out.flush();
  }
}
