package dev.breakwater.simulator;

import java.time.Duration;
import java.util.List;

/**
 * The report's picture of the Pareto front: every candidate as a dot, detection delay across and
 * recovery delay up; dots on the front are blue and larger, candidates with false opens orange,
 * the recommended one ringed, each with its figures as a tooltip. Not thread-safe; one per
 * rendering.
 */
final class ParetoScatter {
  private final SimulationReport report;
  private final StringBuilder html;

  ParetoScatter(SimulationReport report, StringBuilder html) {
    this.report = report;
    this.html = html;
  }

  void render() {
    int size = 260;
    int pad = 46;
    List<Figures> figures = report.figures();
    long maxX = 1;
    long maxY = 1;
    for (int i = 0; i < figures.size(); i++) {
      maxX = Math.max(maxX, report.objectives(i).detectionNanos());
      maxY = Math.max(maxY, report.objectives(i).recoveryNanos());
    }
    html.append("<h2>Pareto front</h2><p class=\"legend\"><span><i class=\"sw\" style=\"background:#1565c0\"></i>")
        .append("on the front</span><span><i class=\"sw\" style=\"background:#b0b8c6\"></i>dominated</span>")
        .append("<span><i class=\"sw\" style=\"background:#ef6c00\"></i>with false opens</span>")
        .append("<span>ringed: recommended</span></p>\n");
    html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(size + pad + 20).append("\" height=\"")
        .append(size + pad).append("\" role=\"img\" aria-label=\"detection against recovery\" font-family=\"system-ui,sans-serif\">");
    html.append("<rect x=\"").append(pad).append("\" y=\"0\" width=\"").append(size).append("\" height=\"").append(size)
        .append("\" fill=\"#fafbfc\" stroke=\"#c5cad3\"/>");
    for (int i = 0; i < figures.size(); i++) {
      ParetoFront.Objectives o = report.objectives(i);
      double cx = pad + 6 + (double) o.detectionNanos() / maxX * (size - 12);
      double cy = size - 6 - (double) o.recoveryNanos() / maxY * (size - 12);
      String fill = o.falseOpens() > 0 ? "#ef6c00" : report.onFront(i) ? "#1565c0" : "#b0b8c6";
      html.append("<circle cx=\"").append(Html.fmt(cx)).append("\" cy=\"").append(Html.fmt(cy)).append("\" r=\"")
          .append(report.onFront(i) ? 5 : 3.5).append("\" fill=\"").append(fill).append("\"")
          .append(report.isRecommended(i) ? " stroke=\"#1d2330\" stroke-width=\"2.5\"" : "").append("><title>")
          .append(Html.escape(figures.get(i).name() + ": detection " + FigureText.detection(figures.get(i)) + ", recovery "
              + FigureText.recovery(figures.get(i)) + ", " + o.falseOpens() + " false opens"))
          .append("</title></circle>");
    }
    html.append("<text x=\"").append(pad + size / 2).append("\" y=\"").append(size + 30)
        .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6475\">detection delay (0 – ")
        .append(Html.escape(Durations.readable(Duration.ofNanos(maxX)))).append(")</text>")
        .append("<text x=\"14\" y=\"").append(size / 2).append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6475\"")
        .append(" transform=\"rotate(-90 14 ").append(size / 2).append(")\">recovery delay (0 – ")
        .append(Html.escape(Durations.readable(Duration.ofNanos(maxY)))).append(")</text></svg>\n");
  }

}
