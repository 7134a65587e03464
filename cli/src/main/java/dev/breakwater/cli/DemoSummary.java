package dev.breakwater.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The text summary printed at the end of a demo run, or when it is interrupted. */
final class DemoSummary {
  private final DemoResult r;
  private final Timeline timeline;
  private final Path report;
  private final Optional<String> reportProblem;
  private final DemoAlerts alerts;

  DemoSummary(DemoResult result, Timeline timeline, Path report, Optional<String> reportProblem,
      DemoAlerts alerts) {
    this.r = result;
    this.timeline = timeline;
    this.report = report;
    this.reportProblem = reportProblem;
    this.alerts = alerts;
  }

  void print(PrintWriter out) {
    out.println();
    out.println(r.interrupted() ? "Summary (interrupted)" : "Summary");
    out.printf(Locale.ROOT, "  events produced   %d%n", r.produced());
    if (r.delivered() >= 0) {
      out.printf(Locale.ROOT, "  delivered         %d distinct, %d duplicates%n", r.delivered(), r.duplicates());
    }
    out.printf(Locale.ROOT, "  dropped           %d%n", r.dropped());
    if (r.interrupted()) {
      out.printf(Locale.ROOT, "  not delivered yet %d (buffered or in flight when interrupted)%n", r.pending());
    } else {
      out.printf(Locale.ROOT, "  lost              %d%n", r.lost());
    }
    out.printf(Locale.ROOT, "  NRQL polls        %d answered, %d failed, %d refused while the circuit was open%n",
        r.nrqlAnswered(), r.nrqlFailed(), r.nrqlRefused());
    out.printf(Locale.ROOT, "  change events     %s%n", AlertsSection.stateChanges(alerts, r.interrupted()));
    alerts(out);
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
    if (reportProblem.isPresent()) {
      out.printf("  report            NOT WRITTEN: %s%n", reportProblem.get());
    } else {
      out.printf("  report            %s%n", report.toAbsolutePath());
    }
    out.println(verdict());
    out.flush();
  }

  private void alerts(PrintWriter out) {
    if (alerts.events() < 0 || alerts.provisioned().isPresent()) {
      out.printf("  alerts            %s%n", alerts.provisioned().orElse("not evaluated"));
      return;
    }
    if (alerts.incidents().isEmpty()) {
      out.println("  alerts            no incident");
    }
    for (DemoAlerts.Fired f : alerts.incidents()) {
      out.printf(Locale.ROOT, "  alert             %s (%s%s): opened %.1f s, %s%n", f.condition(),
          String.join(" on ", f.facet()), f.lossOfSignal() ? ", loss of signal" : "", f.openedSeconds(),
          f.closedSeconds().map(c -> String.format(Locale.ROOT, "closed %.1f s", c)).orElse("still open"));
    }
  }

  private String verdict() {
    if (r.interrupted()) {
      return String.format(Locale.ROOT, "Interrupted after %.1f s: %d events not delivered yet, %d dropped.",
          r.elapsedSeconds(), r.pending(), r.dropped());
    }
    return r.nothingLost() ? "Nothing lost." : "LOST " + r.lost() + " and DROPPED " + r.dropped() + " events.";
  }
}
