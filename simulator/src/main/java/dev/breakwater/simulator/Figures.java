package dev.breakwater.simulator;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * What one candidate configuration did over a workload: the figures of each phase, of the whole
 * workload ({@link #overall()}), and every state change with its time. Exact for a given
 * workload: the same workload and configuration always give equal figures.
 *
 * <p>Immutable and thread-safe; equal when the candidate and every figure are equal.
 */
public final class Figures {
  private final CircuitBreakerConfig candidate;
  private final PhaseFigures overall;
  private final List<PhaseFigures> phases;
  private final StateLog log;
  private final long lengthNanos;

  private Figures(CircuitBreakerConfig candidate, PhaseFigures overall, List<PhaseFigures> phases, StateLog log,
      long lengthNanos) {
    this.candidate = candidate;
    this.overall = overall;
    this.phases = phases;
    this.log = log;
    this.lengthNanos = lengthNanos;
  }

  /**
   * A state change of the replayed breaker.
   *
   * @param at when it happened, from the workload's start
   * @param from the state before
   * @param to the state after
   * @param reason why, in the breaker's words
   */
  public record Transition(Duration at, CircuitState from, CircuitState to, String reason) {}

  static Figures of(CircuitBreakerConfig candidate, Workload workload, Tally tally, StateLog log) {
    List<Workload.Phase> workloadPhases = workload.phases();
    int n = workloadPhases.size();
    long[] opens = new long[n];
    long[] falseOpens = new long[n];
    int p = 0;
    for (int i = 0; i < log.size(); i++) {
      long t = log.time(i);
      while (p + 1 < n && t >= workloadPhases.get(p + 1).start().toNanos()) {
        p++;
      }
      if (log.to(i) == CircuitState.OPEN) {
        opens[p]++;
        if (log.from(i) == CircuitState.CLOSED && !workloadPhases.get(p).fault()) {
          falseOpens[p]++;
        }
      }
    }
    List<PhaseFigures> phases = new ArrayList<>(n);
    long[] total = new long[Tally.FIELDS];
    long totalOpens = 0;
    long totalFalseOpens = 0;
    for (int k = 0; k < n; k++) {
      Workload.Phase phase = workloadPhases.get(k);
      long[] counts = new long[Tally.FIELDS];
      for (int f = 0; f < Tally.FIELDS; f++) {
        counts[f] = tally.get(k, f);
        total[f] += counts[f];
      }
      totalOpens += opens[k];
      totalFalseOpens += falseOpens[k];
      long detection = -1;
      long recovery = -1;
      if (phase.fault()) {
        long start = phase.start().toNanos();
        long end = phase.end().toNanos();
        if (log.stateAt(start) == CircuitState.OPEN) {
          detection = 0;
        } else {
          long opened = log.firstChangeTo(CircuitState.OPEN, start, end);
          detection = opened < 0 ? -1 : opened - start;
        }
        if (log.stateAt(end) == CircuitState.CLOSED) {
          recovery = 0;
        } else {
          long closed = log.firstChangeTo(CircuitState.CLOSED, end, Long.MAX_VALUE);
          recovery = closed < 0 ? -1 : closed - end;
        }
      }
      phases.add(new PhaseFigures(phase.name(), phase.start(), phase.end(), phase.fault(), counts, opens[k],
          falseOpens[k], detection, recovery));
    }
    PhaseFigures overall = new PhaseFigures("overall", Duration.ZERO, workload.length(), false, total, totalOpens,
        totalFalseOpens, -1, -1);
    return new Figures(candidate, overall, List.copyOf(phases), log, workload.lengthNanos());
  }

  /**
   * Returns the configuration these figures are for, as it was given to the simulation.
   *
   * @return the candidate configuration
   */
  public CircuitBreakerConfig candidate() {
    return candidate;
  }

  /**
   * Returns the candidate's name: its specification, such as
   * {@code failureThreshold=5,retryDelay=10s}, for candidates read from text.
   *
   * @return the candidate's name
   */
  public String name() {
    return candidate.name();
  }

  /**
   * Returns the figures over the whole workload; it has no detection or recovery delay of its own.
   *
   * @return the overall figures
   */
  public PhaseFigures overall() {
    return overall;
  }

  /**
   * Returns the figures of each phase, in order.
   *
   * @return the figures per phase, immutable
   */
  public List<PhaseFigures> phases() {
    return phases;
  }

  /**
   * Returns the figures of the fault phases, in order.
   *
   * @return the figures per fault phase, immutable
   */
  public List<PhaseFigures> faults() {
    return phases.stream().filter(PhaseFigures::fault).toList();
  }

  /**
   * Returns the figures of the phase with this name.
   *
   * @param name the phase's name
   * @return the phase's figures
   * @throws NoSuchElementException if the workload has no phase of that name
   */
  public PhaseFigures phase(String name) {
    for (PhaseFigures p : phases) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new NoSuchElementException("no phase named '" + name + "'; the phases are "
        + phases.stream().map(PhaseFigures::name).toList());
  }

  /**
   * Returns every state change of the replayed breaker, in order.
   *
   * @return the state changes, immutable
   */
  public List<Transition> transitions() {
    List<Transition> list = new ArrayList<>(log.size());
    for (int i = 0; i < log.size(); i++) {
      list.add(new Transition(Duration.ofNanos(log.time(i)), log.from(i), log.to(i), log.reason(i)));
    }
    return List.copyOf(list);
  }

  StateLog log() {
    return log;
  }

  long lengthNanos() {
    return lengthNanos;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Figures f && candidate.equals(f.candidate) && overall.equals(f.overall)
        && phases.equals(f.phases) && transitions().equals(f.transitions());
  }

  @Override
  public int hashCode() {
    return Objects.hash(candidate.name(), overall, phases);
  }

  @Override
  public String toString() {
    return "Figures{" + candidate.name() + ": " + overall + "}";
  }
}
