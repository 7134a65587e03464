package dev.breakwater.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as a plain-text table for a terminal: the workload, one row per candidate with the
 * overall figures, then per fault phase the figures that matter there, then the recommendation
 * with its snippets. Not thread-safe; one per rendering.
 */
final class TableRenderer {
  private static final int MAX_NAME = 48;
  private static final int MAX_FAULT_ROWS = 20;

  private final SimulationReport report;
  private final StringBuilder out = new StringBuilder();

  TableRenderer(SimulationReport report) {
    this.report = report;
  }

  String render() {
    out.append("Workload: ").append(FigureText.workloadLine(report.workload())).append("\n\n");
    List<Figures> figures = report.figures();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"candidate", "opens", "false opens", "failed admitted", "healthy rejected",
        "trial calls", "detection", "recovery", "availability", ""});
    for (int i = 0; i < figures.size(); i++) {
      Figures f = figures.get(i);
      PhaseFigures o = f.overall();
      rows.add(new String[] {name(f.name()), n(o.opens()), n(o.falseOpens()), n(o.failedCallsAdmitted()),
          n(o.healthyCallsRejected()), n(o.trialCalls()), FigureText.detection(f), FigureText.recovery(f),
          FigureText.percent(o.availability()), marks(i)});
    }
    table(rows);
    faults(figures);
    legend(figures);
    return out.toString();
  }

  private String marks(int i) {
    if (report.figures().size() == 1) {
      return "";
    }
    return (report.onFront(i) ? "*" : "") + (report.isRecommended(i) ? " recommended" : "");
  }

  private void faults(List<Figures> figures) {
    if (figures.size() > MAX_FAULT_ROWS) {
      return;
    }
    List<PhaseFigures> phases = figures.get(0).phases();
    List<PhaseFigures> faults = figures.get(0).faults();
    int shown = 0;
    for (int k = 0; k < phases.size() && shown < FigureText.FAULTS_DETAILED; k++) {
      PhaseFigures fault = phases.get(k);
      if (!fault.fault()) {
        continue;
      }
      shown++;
      out.append("\nFault '").append(fault.name()).append("' (").append(FigureText.span(fault.start(), fault.end()))
          .append("):\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"candidate", "calls", "reached dependency", "detection", "recovery", "trial calls",
          "availability"});
      for (Figures f : figures) {
        PhaseFigures p = f.phases().get(k);
        rows.add(new String[] {name(f.name()), n(p.calls()), n(p.admitted()),
            FigureText.delay(p.detectionDelay(), "never"), FigureText.delay(p.recoveryDelay(), "not closed"),
            n(p.trialCalls()), FigureText.percent(p.availability())});
      }
      table(rows);
    }
    if (faults.size() > FigureText.FAULTS_DETAILED) {
      out.append("\n(").append(faults.size() - FigureText.FAULTS_DETAILED)
          .append(" more faults: see --json or the HTML report's timeline)\n");
    }
  }

  private void legend(List<Figures> figures) {
    out.append("\nfailed admitted: failures and timeouts the breaker let through; healthy rejected: calls that"
        + " would have\nsucceeded but were rejected; false opens: CLOSED -> OPEN while no fault was on.\n");
    if (figures.size() > 1) {
      out.append("* on the Pareto front of detection delay, false opens and recovery delay (sums over the faults).\n")
          .append("\nRecommended: ").append(report.recommended().name()).append("\n\n")
          .append(indent(report.recommendedJava())).append("\n\n  # application.yml\n")
          .append(indent(report.recommendedYaml())).append('\n');
    }
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }

  private void table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        if (widths[c] == 0) {
          continue;
        }
        boolean left = c == 0 || c == columns - 1;
        String cell = row[c];
        String pad = " ".repeat(widths[c] - cell.length());
        line.append(c == 0 ? "" : "  ").append(left ? cell + pad : pad + cell);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String name(String name) {
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 1) + "…";
  }

  private static String n(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
