package dev.breakwater.cli;

import dev.breakwater.newrelic.AlertPolicyDefinition;
import java.util.List;
import java.util.Locale;

/**
 * The report's "Alerts" section: when each condition of the alert policy opened an incident on
 * the fake New Relic and when it closed, as bars under the scenario's fault phases and as a
 * table; and the sentence on how the state changes reached New Relic. Not thread-safe: one per
 * report.
 */
final class AlertsSection {
  private static final int TOP = 26;
  private static final int ROW = 22;

  private final HtmlReport report;
  private final StringBuilder html;
  private final DemoAlerts alerts;
  private final boolean interrupted;

  AlertsSection(HtmlReport report, StringBuilder html, DemoAlerts alerts, boolean interrupted) {
    this.report = report;
    this.html = html;
    this.alerts = alerts;
    this.interrupted = interrupted;
  }

  void render() {
    html.append("<h2>Alerts</h2>\n");
    if (alerts.events() < 0) {
      html.append("<p>").append(HtmlReport.escape("Not evaluated: " + alerts.provisioned().orElse("")
          + ". Provision the policy with breakwater alerts create.")).append("</p>\n");
      return;
    }
    html.append("<p class=\"sub\">").append(HtmlReport.escape(String.format(Locale.ROOT,
        "The \u201cCircuit Breaker Health\u201d alert policy on the embedded fake New Relic, which"
        + " evaluates its NRQL conditions over the events it receives. Its clock runs %.0f times"
        + " faster than the run, so that the conditions' minutes pass within it.", alerts.clockFactor())))
        .append("</p>\n");
    if (alerts.provisioned().isPresent()) {
      html.append("<p class=\"verdict bad\">").append(HtmlReport.escape("The alert policy was "
          + alerts.provisioned().get())).append("</p>\n");
      return;
    }
    List<DemoAlerts.Fired> fired = alerts.incidents();
    if (fired.isEmpty()) {
      html.append("<p>No condition opened an incident.</p>\n");
      return;
    }
    bars(fired);
    html.append("<p><small>Reports sent while the Event API is down arrive after it recovers. The"
        + " conditions evaluate them by their own time (EVENT_FLOW), so an incident they show opens"
        + " when they arrive; meanwhile the silence itself is a loss of signal.</small></p>\n");
    html.append("<table><tr><th>condition</th><th>signal</th><th>opened</th><th>closed</th></tr>");
    for (DemoAlerts.Fired f : fired) {
      html.append("<tr><td>").append(HtmlReport.escape(f.condition())).append("</td><td>")
          .append(HtmlReport.escape(signal(f))).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.1f s", f.openedSeconds())).append("</td><td class=\"n\">")
          .append(f.closedSeconds().map(c -> String.format(Locale.ROOT, "%.1f s", c)).orElse("still open"))
          .append("</td></tr>");
    }
    html.append("</table>\n");
  }

  private void bars(List<DemoAlerts.Fired> fired) {
    int height = TOP + fired.size() * ROW + 36;
    report.svgOpen(height, "incidents over the run");
    report.phases(TOP, fired.size() * ROW);
    for (int i = 0; i < fired.size(); i++) {
      DemoAlerts.Fired f = fired.get(i);
      double end = Math.min(f.closedSeconds().orElse(report.span()), report.span());
      double x1 = report.x(Math.min(f.openedSeconds(), report.span()));
      double x2 = Math.max(report.x(end), x1 + 2);
      int y = TOP + i * ROW + 3;
      html.append("<rect x=\"").append(HtmlReport.fmt(x1)).append("\" y=\"").append(y)
          .append("\" width=\"").append(HtmlReport.fmt(x2 - x1)).append("\" height=\"").append(ROW - 6)
          .append("\" rx=\"3\" fill=\"").append(color(f)).append("\"/>");
      String label = f.condition() + ": " + signal(f);
      // About 6 px a character at 11 px: a label that would run off the chart ends at the bar's end.
      boolean fits = x1 + 4 + label.length() * 6 < report.x(report.span());
      html.append("<text x=\"").append(HtmlReport.fmt(fits ? x1 + 4 : x2 - 4)).append("\" y=\"")
          .append(y + ROW - 10).append(fits ? "" : "\" text-anchor=\"end")
          .append("\" font-size=\"11\" fill=\"#1d2330\">").append(HtmlReport.escape(label)).append("</text>");
    }
    report.timeAxis(TOP + fired.size() * ROW + 22);
    html.append("</svg>\n");
  }

  private static String color(DemoAlerts.Fired f) {
    if (f.lossOfSignal()) {
      return "#c5cad3";
    }
    return f.condition().equals(AlertPolicyDefinition.BREAKER_OPEN) ? "#f7c9c9" : "#fbe3b0";
  }

  private static String signal(DemoAlerts.Fired f) {
    String facet = f.facet().isEmpty() ? "all" : String.join(" on ", f.facet());
    return f.lossOfSignal() ? facet + " (loss of signal)" : facet;
  }

  /** How the breakers' state changes reached New Relic, in one sentence. */
  static String stateChanges(DemoAlerts alerts, boolean interrupted) {
    long n = alerts.transitions();
    if (alerts.events() < 0) {
      return String.format(Locale.ROOT, "%d state changes sent to New Relic as CircuitBreakerStateChange events.", n);
    }
    String delivered = String.format(Locale.ROOT, "%d state changes: %d delivered to New Relic as"
        + " CircuitBreakerStateChange events, %d more counted in them as suppressed by the flapping"
        + " limit; ", n, alerts.events(), alerts.represented() - alerts.events());
    if (interrupted) {
      return delivered + Math.max(0, n - alerts.represented()) + " not delivered yet (interrupted).";
    }
    return delivered + (alerts.lostChanges() == 0 ? "none lost." : alerts.lostChanges() + " LOST.");
  }
}
