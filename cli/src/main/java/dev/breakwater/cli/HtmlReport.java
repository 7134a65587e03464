package dev.breakwater.cli;

import dev.breakwater.CircuitState;
import java.util.List;
import java.util.Locale;

/**
 * The demo's self-contained HTML report: a summary, then per breaker a timeline chart (state
 * bands, window failure rate, latency per interval) under the scenario's fault phases, then the
 * delivery curve, the alerts the fake New Relic opened and closed, and the state changes. Inline
 * CSS and SVG only: no script, no network.
 */
final class HtmlReport {
  private static final int WIDTH = 960;
  private static final int LEFT = 56;
  private static final int RIGHT = 64;
  private static final int PLOT = WIDTH - LEFT - RIGHT;

  private final DemoResult result;
  private final Scenario scenario;
  private final Timeline timeline;
  private final DemoAlerts alerts;
  private final double seconds;
  private final StringBuilder html = new StringBuilder();

  HtmlReport(DemoResult result, Scenario scenario, Timeline timeline, DemoAlerts alerts) {
    this.result = result;
    this.scenario = scenario;
    this.timeline = timeline;
    this.alerts = alerts;
    List<Timeline.Sample> samples = timeline.samples();
    double last = samples.isEmpty() ? 1 : samples.get(samples.size() - 1).seconds();
    this.seconds = Math.max(last, scenario.length().toMillis() / 1000.0);
  }

  String render() {
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<title>Breakwater demo report</title><style>")
        .append("body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;")
        .append("margin:24px auto;max-width:1000px;color:#1d2330;background:#fff}")
        .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px}")
        .append(".sub{color:#5b6475;margin:0 0 16px}")
        .append(".verdict{padding:10px 14px;border-radius:6px;font-weight:600;margin:12px 0}")
        .append(".ok{background:#e3f6e8;color:#17612e}.bad{background:#fde4e4;color:#8a1c1c}")
        .append("table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 12px 3px 0;text-align:left}")
        .append("th{color:#5b6475;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}")
        .append(".legend span{display:inline-block;margin-right:14px}")
        .append(".sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-2px;margin-right:4px}")
        .append("svg{display:block;margin:4px 0 2px}small{color:#5b6475}")
        .append("</style></head><body>\n");
    header();
    summary();
    legend();
    for (String breaker : result.breakers()) {
      breakerChart(breaker);
    }
    deliveryChart();
    new AlertsSection(this, html, alerts, result.interrupted()).render();
    transitions();
    html.append("</body></html>\n");
    return html.toString();
  }

  private void header() {
    html.append("<h1>Breakwater demo report</h1><p class=\"sub\">")
        .append(escape(String.format(Locale.ROOT, "%.0f s, %d events/s, seed %d, %s. %s",
            result.seconds(), result.rate(), result.seed(),
            result.live() ? "live New Relic" : "embedded fake New Relic", scenario.description())))
        .append("</p>\n<div class=\"verdict ").append(verdict()).append("</div>\n");
  }

  private String verdict() {
    if (result.interrupted()) {
      return String.format(Locale.ROOT, "bad\">Interrupted after %.1f s of %.0f s: %d events not"
          + " delivered yet (buffered or in flight), %d dropped.", result.elapsedSeconds(), result.seconds(),
          result.pending(), result.dropped());
    }
    return result.nothingLost() ? "ok\">Nothing lost: every event produced was delivered."
        : "bad\">Lost " + result.lost() + " and dropped " + result.dropped() + " events.";
  }

  private void summary() {
    html.append("<table><tr><th>events produced</th><td class=\"n\">").append(result.produced())
        .append("</td></tr><tr><th>delivered (distinct)</th><td class=\"n\">")
        .append(result.delivered() < 0 ? "n/a" : Long.toString(result.delivered()))
        .append("</td></tr><tr><th>duplicates</th><td class=\"n\">")
        .append(result.delivered() < 0 ? "n/a" : Long.toString(result.duplicates()))
        .append("</td></tr><tr><th>dropped</th><td class=\"n\">").append(result.dropped())
        .append(result.interrupted() ? "</td></tr><tr><th>not delivered yet (interrupted)</th><td class=\"n\">"
            : "</td></tr><tr><th>lost</th><td class=\"n\">").append(result.interrupted() ? result.pending() : result.lost())
        .append("</td></tr><tr><th>NRQL polls answered / failed / refused</th><td class=\"n\">")
        .append(result.nrqlAnswered()).append(" / ").append(result.nrqlFailed()).append(" / ")
        .append(result.nrqlRefused()).append("</td></tr></table>\n");
  }

  private void legend() {
    html.append("<p class=\"legend\"><span><i class=\"sw\" style=\"background:#cfeed8\"></i>CLOSED</span>")
        .append("<span><i class=\"sw\" style=\"background:#f7c9c9\"></i>OPEN</span>")
        .append("<span><i class=\"sw\" style=\"background:#fbe3b0\"></i>HALF_OPEN</span>")
        .append("<span><i class=\"sw\" style=\"background:#c62828\"></i>window failure rate (left axis, %)</span>")
        .append("<span><i class=\"sw\" style=\"background:#1565c0\"></i>mean latency per interval (right axis, ms)</span>")
        .append("<span><i class=\"sw\" style=\"background:#eef0f4\"></i>fault phase</span></p>\n");
  }

  private void breakerChart(String breaker) {
    List<Timeline.Sample> samples = timeline.samples();
    int height = 190;
    int top = 26;
    int plotHeight = 120;
    int stripY = top + plotHeight + 8;
    html.append("<h2>").append(escape(breaker)).append("</h2>\n");
    svgOpen(height, "timeline of " + breaker);
    phases(top, plotHeight);
    double maxLatency = 1;
    for (int i = 1; i < samples.size(); i++) {
      maxLatency = Math.max(maxLatency, intervalLatency(samples, i, breaker));
    }
    StringBuilder rate = new StringBuilder();
    StringBuilder latency = new StringBuilder();
    for (int i = 0; i < samples.size(); i++) {
      Timeline.Sample s = samples.get(i);
      Timeline.BreakerSample b = s.breakers().get(breaker);
      if (b == null) {
        continue;
      }
      double x = x(s.seconds());
      rate.append(fmt(x)).append(',').append(fmt(top + plotHeight - b.windowFailureRate() / 100 * plotHeight)).append(' ');
      if (i > 0) {
        double l = intervalLatency(samples, i, breaker);
        latency.append(fmt(x)).append(',').append(fmt(top + plotHeight - l / maxLatency * plotHeight)).append(' ');
      }
      if (i + 1 < samples.size()) {
        double x2 = x(samples.get(i + 1).seconds());
        html.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(stripY).append("\" width=\"")
            .append(fmt(Math.max(x2 - x, 0.5))).append("\" height=\"14\" fill=\"").append(stateColor(b.state()))
            .append("\"/>");
      }
    }
    html.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(stripY + 11)
        .append("\" text-anchor=\"end\" font-size=\"10\" fill=\"#5b6475\">state</text>");
    axes(top, plotHeight, "100%", "0%", fmt(maxLatency) + " ms");
    html.append("<polyline fill=\"none\" stroke=\"#c62828\" stroke-width=\"2\" points=\"").append(rate).append("\"/>");
    html.append("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\" points=\"").append(latency).append("\"/>");
    timeAxis(stripY + 30);
    html.append("</svg>\n");
  }

  private static double intervalLatency(List<Timeline.Sample> samples, int i, String breaker) {
    Timeline.BreakerSample a = samples.get(i - 1).breakers().get(breaker);
    Timeline.BreakerSample b = samples.get(i).breakers().get(breaker);
    if (a == null || b == null || b.outcomes() <= a.outcomes()) {
      return 0;
    }
    return (b.meanLatencyMs() * b.outcomes() - a.meanLatencyMs() * a.outcomes()) / (b.outcomes() - a.outcomes());
  }

  private void deliveryChart() {
    List<Timeline.Sample> samples = timeline.samples();
    int top = 26;
    int plotHeight = 150;
    html.append("<h2>Delivery</h2><p class=\"legend\">")
        .append("<span><i class=\"sw\" style=\"background:#9aa3b2\"></i>produced</span>")
        .append("<span><i class=\"sw\" style=\"background:#2e7d32\"></i>delivered to New Relic</span>")
        .append("<span><i class=\"sw\" style=\"background:#ef6c00\"></i>waiting in the buffer</span></p>\n");
    svgOpen(top + plotHeight + 40, "delivery curve");
    phases(top, plotHeight);
    long max = 1;
    for (Timeline.Sample s : samples) {
      max = Math.max(max, Math.max(s.produced(), s.delivered()));
    }
    StringBuilder produced = new StringBuilder();
    StringBuilder delivered = new StringBuilder();
    StringBuilder buffered = new StringBuilder();
    for (Timeline.Sample s : samples) {
      double x = x(s.seconds());
      produced.append(fmt(x)).append(',').append(fmt(top + plotHeight - (double) s.produced() / max * plotHeight)).append(' ');
      delivered.append(fmt(x)).append(',').append(fmt(top + plotHeight - (double) s.delivered() / max * plotHeight)).append(' ');
      buffered.append(fmt(x)).append(',').append(fmt(top + plotHeight - (double) s.buffered() / max * plotHeight)).append(' ');
    }
    axes(top, plotHeight, Long.toString(max), "0", "");
    html.append("<polyline fill=\"none\" stroke=\"#9aa3b2\" stroke-width=\"2\" stroke-dasharray=\"5 3\" points=\"").append(produced).append("\"/>");
    html.append("<polyline fill=\"none\" stroke=\"#2e7d32\" stroke-width=\"2.5\" points=\"").append(delivered).append("\"/>");
    html.append("<polyline fill=\"none\" stroke=\"#ef6c00\" stroke-width=\"1.5\" points=\"").append(buffered).append("\"/>");
    timeAxis(top + plotHeight + 22);
    html.append("</svg>\n");
  }

  private void transitions() {
    html.append("<h2>State changes</h2><p>").append(escape(AlertsSection.stateChanges(alerts, result.interrupted())))
        .append("</p><table><tr><th>time</th><th>breaker</th><th>change</th><th>why</th></tr>");
    for (Timeline.Transition t : timeline.transitions()) {
      html.append("<tr><td class=\"n\">").append(String.format(Locale.ROOT, "%.1f s", t.seconds()))
          .append("</td><td>").append(escape(t.breaker())).append("</td><td>").append(t.from()).append(" → ")
          .append(t.to()).append("</td><td>").append(escape(t.reason())).append("</td></tr>");
    }
    html.append("</table>\n<p><small>Generated by <code>breakwater demo</code>.</small></p>\n");
  }

  void svgOpen(int height, String label) {
    html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\" font-family=\"system-ui,sans-serif\">");
  }

  void phases(int top, int plotHeight) {
    for (Scenario.Phase p : scenario.phases()) {
      double x1 = x(p.start().toMillis() / 1000.0);
      double x2 = x(p.end().toMillis() / 1000.0);
      if (!p.faults().isEmpty()) {
        html.append("<rect x=\"").append(fmt(x1)).append("\" y=\"").append(top).append("\" width=\"")
            .append(fmt(x2 - x1)).append("\" height=\"").append(plotHeight).append("\" fill=\"#eef0f4\"/>");
      }
      html.append("<text x=\"").append(fmt(x1 + 3)).append("\" y=\"").append(top - 8)
          .append("\" font-size=\"10\" fill=\"#5b6475\">").append(escape(p.name())).append("</text>");
      html.append("<line x1=\"").append(fmt(x1)).append("\" x2=\"").append(fmt(x1)).append("\" y1=\"")
          .append(top - 18).append("\" y2=\"").append(top + plotHeight).append("\" stroke=\"#c5cad3\"/>");
    }
  }

  private void axes(int top, int plotHeight, String maxLeft, String minLeft, String maxRight) {
    html.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT).append("\" y1=\"")
        .append(top + plotHeight).append("\" y2=\"").append(top + plotHeight).append("\" stroke=\"#9aa3b2\"/>");
    html.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(top + 4)
        .append("\" text-anchor=\"end\" font-size=\"10\" fill=\"#c62828\">").append(escape(maxLeft)).append("</text>");
    html.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(top + plotHeight)
        .append("\" text-anchor=\"end\" font-size=\"10\" fill=\"#5b6475\">").append(escape(minLeft)).append("</text>");
    if (!maxRight.isEmpty()) {
      html.append("<text x=\"").append(LEFT + PLOT + 6).append("\" y=\"").append(top + 4)
          .append("\" font-size=\"10\" fill=\"#1565c0\">").append(escape(maxRight)).append("</text>");
    }
  }

  void timeAxis(int y) {
    int step = seconds > 120 ? 30 : seconds > 40 ? 10 : 5;
    for (int t = 0; t <= seconds; t += step) {
      html.append("<text x=\"").append(fmt(x(t))).append("\" y=\"").append(y)
          .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5b6475\">").append(t).append(" s</text>");
    }
  }

  /** The seconds the charts span. */
  double span() {
    return seconds;
  }

  double x(double t) {
    return LEFT + t / seconds * PLOT;
  }

  private static String stateColor(CircuitState s) {
    return switch (s) {
      case CLOSED -> "#cfeed8";
      case OPEN, FORCED_OPEN -> "#f7c9c9";
      case HALF_OPEN -> "#fbe3b0";
      case DISABLED -> "#dde1e7";
    };
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
