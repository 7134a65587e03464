package dev.breakwater.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures as short texts, shared by the terminal table and the HTML report: delays for people,
 * "never" for a fault not detected, "not closed" for a breaker that had not recovered when the
 * workload ended, sums over several faults. Stateless.
 */
final class FigureText {
  static final int PHASES_SHOWN = 8;
  /** The most fault phases the table and the page detail, one table each. */
  static final int FAULTS_DETAILED = 12;

  private FigureText() {}

  static String detection(Figures f) {
    List<PhaseFigures> faults = f.faults();
    if (faults.isEmpty()) {
      return "-";
    }
    if (faults.size() == 1) {
      return faults.get(0).detectionDelay().map(Durations::readable).orElse("never");
    }
    long missed = faults.stream().filter(p -> p.detectionDelay().isEmpty()).count();
    return "Σ " + Durations.readable(Duration.ofNanos(ParetoFront.objectives(f).detectionNanos()))
        + (missed == 0 ? "" : " (" + missed + " never)");
  }

  static String recovery(Figures f) {
    List<PhaseFigures> faults = f.faults();
    if (faults.isEmpty()) {
      return "-";
    }
    if (faults.size() == 1) {
      return faults.get(0).recoveryDelay().map(Durations::readable).orElse("not closed");
    }
    long missed = faults.stream().filter(p -> p.recoveryDelay().isEmpty()).count();
    return "Σ " + Durations.readable(Duration.ofNanos(ParetoFront.objectives(f).recoveryNanos()))
        + (missed == 0 ? "" : " (" + missed + " not closed)");
  }

  static String delay(Optional<Duration> d, String none) {
    return d.map(Durations::readable).orElse(none);
  }

  static String percent(double value) {
    return String.format(Locale.ROOT, "%.2f %%", value);
  }

  static String span(Duration start, Duration end) {
    return seconds(start) + "–" + seconds(end) + " s";
  }

  private static String seconds(Duration d) {
    return Rates.format(Math.round(d.toMillis() / 10.0) / 100.0);
  }

  /** The workload in one line: what it is, its size, and its first {@value #PHASES_SHOWN} phases. */
  static String workloadLine(Workload w) {
    StringBuilder s = new StringBuilder(w.description()).append(": ")
        .append(String.format(Locale.ROOT, "%,d", w.callCount())).append(" calls over ")
        .append(Durations.readable(w.length())).append("; phases: ");
    List<Workload.Phase> phases = w.phases();
    for (int i = 0; i < Math.min(phases.size(), PHASES_SHOWN); i++) {
      Workload.Phase p = phases.get(i);
      s.append(i == 0 ? "" : ", ").append(p.name()).append(" (").append(span(p.start(), p.end()))
          .append(p.fault() ? ", fault" : "").append(')');
    }
    if (phases.size() > PHASES_SHOWN) {
      long faults = phases.stream().filter(Workload.Phase::fault).count();
      s.append(" and ").append(phases.size() - PHASES_SHOWN).append(" more (").append(faults)
          .append(" faults in all)");
    }
    return s.toString();
  }
}
