package dev.breakwater.simulator;

import dev.breakwater.CircuitState;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's timeline: the workload's error rate over its phases (fault phases shaded) and,
 * under it, one band per candidate coloured by the breaker's state. Each pixel column shows the
 * state the breaker spent most of that column in. Past {@value #MAX_BANDS} candidates only the
 * Pareto front gets a band. Not thread-safe; one per rendering.
 */
final class TimelineSvg {
  static final String CLOSED = "#cfeed8";
  static final String OPEN = "#e57373";
  static final String HALF_OPEN = "#fbc96b";
  static final String FAULT = "#eef0f4";
  private static final int WIDTH = 1060;
  private static final int LEFT = 300;
  private static final int RIGHT = 20;
  private static final int PLOT = WIDTH - LEFT - RIGHT;
  private static final int MAX_BANDS = 40;
  private static final int CALLS_PER_BIN = 5;

  private final SimulationReport report;
  private final Workload workload;
  private final double length;
  private final StringBuilder html;

  TimelineSvg(SimulationReport report, StringBuilder html) {
    this.report = report;
    this.workload = report.workload();
    this.length = Math.max(1, workload.lengthNanos());
    this.html = html;
  }

  void render() {
    List<Integer> shown = bands();
    int top = 30;
    int plotHeight = 90;
    int bandTop = top + plotHeight + 14;
    int band = 16;
    int height = bandTop + shown.size() * (band + 4) + 30;
    svgOpen(height, "candidates' states over the workload's error rate");
    int bottom = bandTop + shown.size() * (band + 4);
    for (Workload.Phase p : workload.phases()) {
      double x1 = x(p.start().toNanos());
      double x2 = x(p.end().toNanos());
      if (p.fault()) {
        rect(x1, top, x2 - x1, bottom - top, FAULT);
      }
      html.append("<line x1=\"").append(Html.fmt(x1)).append("\" x2=\"").append(Html.fmt(x1)).append("\" y1=\"").append(top - 16)
          .append("\" y2=\"").append(bottom).append("\" stroke=\"#c5cad3\"/>");
      int fits = (int) ((x2 - x1 - 6) / 6.5);
      if (fits >= 3) {
        html.append("<text x=\"").append(Html.fmt(x1 + 3)).append("\" y=\"").append(top - 6)
            .append("\" font-size=\"11\" fill=\"#5b6475\"><title>").append(Html.escape(p.name())).append("</title>")
            .append(Html.escape(Html.clip(p.name(), fits))).append("</text>");
      }
    }
    errorRate(top, plotHeight);
    html.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(top + 8)
        .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#c62828\">100% errors</text>")
        .append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(top + plotHeight)
        .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6475\">0%</text>");
    int y = bandTop;
    for (int i : shown) {
      Figures f = report.figures().get(i);
      String mark = report.isRecommended(i) ? "▶ " : "";
      html.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + 12)
          .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#1d2330\"")
          .append(report.isRecommended(i) ? " font-weight=\"700\"" : "").append('>')
          .append("<title>").append(Html.escape(f.name())).append("</title>")
          .append(Html.escape(mark + Html.clip(f.name(), 46))).append("</text>");
      states(f, y, band);
      y += band + 4;
    }
    timeAxis(bottom + 16);
    html.append("</svg>\n");
    if (shown.size() < report.figures().size()) {
      html.append("<p><small>").append(report.figures().size()).append(" candidates: the timeline shows the ")
          .append(shown.size()).append(" on the Pareto front.</small></p>\n");
    }
  }

  private List<Integer> bands() {
    List<Integer> all = new ArrayList<>();
    List<Integer> front = new ArrayList<>();
    for (int i = 0; i < report.figures().size(); i++) {
      all.add(i);
      if (report.onFront(i)) {
        front.add(i);
      }
    }
    return all.size() <= MAX_BANDS ? all : front.subList(0, Math.min(front.size(), MAX_BANDS));
  }

  /**
   * The error rate in bins of whole pixel columns, each wide enough to hold about
   * {@value #CALLS_PER_BIN} calls on average, so sparse traffic does not draw a comb; a bin without
   * calls repeats the rate of the bin before it.
   */
  private void errorRate(int top, int plotHeight) {
    Calls calls = workload.calls();
    int columnsPerBin = (int) Math.max(1, Math.min(PLOT, Math.ceil((double) CALLS_PER_BIN * PLOT / Math.max(1, calls.size))));
    int bins = (PLOT + columnsPerBin - 1) / columnsPerBin;
    long[] counted = new long[bins];
    long[] failed = new long[bins];
    for (int i = 0; i < calls.size; i++) {
      byte o = calls.outcomes[i];
      if ((o & Calls.OUTCOME_MASK) == Calls.IGNORED) {
        continue;
      }
      int b = column(calls.starts[i]) / columnsPerBin;
      counted[b]++;
      if (Calls.isFailure(o)) {
        failed[b]++;
      }
    }
    StringBuilder path = new StringBuilder("M").append(LEFT).append(',').append(top + plotHeight);
    double rate = 0;
    for (int b = 0; b < bins; b++) {
      if (counted[b] > 0) {
        rate = (double) failed[b] / counted[b];
      }
      String y = Html.fmt(top + plotHeight - rate * plotHeight);
      path.append(" L").append(LEFT + b * columnsPerBin).append(',').append(y)
          .append(" L").append(LEFT + Math.min(PLOT, (b + 1) * columnsPerBin)).append(',').append(y);
    }
    path.append(" L").append(LEFT + PLOT).append(',').append(top + plotHeight).append(" Z");
    html.append("<path d=\"").append(path).append("\" fill=\"#c62828\" fill-opacity=\"0.35\" stroke=\"#c62828\""
        + " stroke-width=\"1\"/>");
    html.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT).append("\" y1=\"")
        .append(top + plotHeight).append("\" y2=\"").append(top + plotHeight).append("\" stroke=\"#9aa3b2\"/>");
  }

  /** One band: per pixel column the state the breaker spent most of the column in. */
  private void states(Figures f, int y, int height) {
    StateLog log = f.log();
    long[][] time = new long[PLOT][3];
    long at = 0;
    int state = 0;
    for (int i = 0; i <= log.size(); i++) {
      long until = i < log.size() ? log.time(i) : workload.lengthNanos();
      spread(time, at, until, state);
      if (i < log.size()) {
        at = log.time(i);
        state = index(log.to(i));
      }
    }
    int runStart = 0;
    int runState = dominant(time[0]);
    for (int c = 1; c <= PLOT; c++) {
      int s = c < PLOT ? dominant(time[c]) : -1;
      if (s != runState) {
        rect(LEFT + runStart, y, c - runStart, height, color(runState));
        runStart = c;
        runState = s;
      }
    }
  }

  private void spread(long[][] time, long from, long until, int state) {
    if (until <= from) {
      return;
    }
    double nanosPerColumn = length / PLOT;
    int first = column(from);
    int last = column(until - 1);
    for (int c = first; c <= last; c++) {
      long columnStart = (long) (c * nanosPerColumn);
      long columnEnd = (long) ((c + 1) * nanosPerColumn);
      time[c][state] += Math.max(0, Math.min(until, columnEnd) - Math.max(from, columnStart));
    }
  }

  private static int dominant(long[] shares) {
    int best = 0;
    for (int s = 1; s < 3; s++) {
      if (shares[s] >= shares[best] && shares[s] > 0) {
        best = s;
      }
    }
    return best;
  }

  private static int index(CircuitState s) {
    return switch (s) {
      case OPEN, FORCED_OPEN -> 1;
      case HALF_OPEN -> 2;
      default -> 0;
    };
  }

  private static String color(int state) {
    return state == 1 ? OPEN : state == 2 ? HALF_OPEN : CLOSED;
  }

  private void timeAxis(int y) {
    double seconds = length / 1e9;
    long[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400};
    long step = steps[steps.length - 1];
    for (long s : steps) {
      if (seconds / s <= 10) {
        step = s;
        break;
      }
    }
    for (long t = 0; t <= seconds; t += step) {
      String label = t < 120 ? t + " s" : t % 3600 == 0 ? t / 3600 + " h" : t % 60 == 0 ? t / 60 + " m" : t + " s";
      html.append("<text x=\"").append(Html.fmt(x(t * 1_000_000_000L))).append("\" y=\"").append(y)
          .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6475\">").append(label).append("</text>");
    }
  }

  private void svgOpen(int height, String label) {
    html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\" font-family=\"system-ui,sans-serif\">");
  }

  private void rect(double x, double y, double w, double h, String fill) {
    html.append("<rect x=\"").append(Html.fmt(x)).append("\" y=\"").append(Html.fmt(y)).append("\" width=\"")
        .append(Html.fmt(Math.max(w, 0.5))).append("\" height=\"").append(Html.fmt(h)).append("\" fill=\"").append(fill)
        .append("\"/>");
  }

  private int column(long nanos) {
    return (int) Math.max(0, Math.min(PLOT - 1, (long) (nanos / length * PLOT)));
  }

  private double x(long nanos) {
    return LEFT + nanos / length * PLOT;
  }

}
