package dev.breakwater.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What one candidate configuration did during one phase of a workload, or over the whole of it
 * ({@link Figures#overall()}). A call belongs to the phase in which it started; a state change to
 * the phase in which it happened. "Admitted" calls reached the dependency; "rejected" ones were
 * refused by the breaker. Immutable and thread-safe; equal when every figure is equal.
 */
public final class PhaseFigures {
  private final String name;
  private final Duration start;
  private final Duration end;
  private final boolean fault;
  private final long[] counts;
  private final long opens;
  private final long falseOpens;
  private final long detectionNanos;
  private final long recoveryNanos;

  PhaseFigures(String name, Duration start, Duration end, boolean fault, long[] counts, long opens,
      long falseOpens, long detectionNanos, long recoveryNanos) {
    this.name = name;
    this.start = start;
    this.end = end;
    this.fault = fault;
    this.counts = counts;
    this.opens = opens;
    this.falseOpens = falseOpens;
    this.detectionNanos = detectionNanos;
    this.recoveryNanos = recoveryNanos;
  }

  /**
   * Returns the phase's name ("overall" for the whole workload).
   *
   * @return the phase's name
   */
  public String name() {
    return name;
  }

  /**
   * Returns when the phase starts, from the workload's start.
   *
   * @return the phase's start
   */
  public Duration start() {
    return start;
  }

  /**
   * Returns when the phase ends (exclusive).
   *
   * @return the phase's end
   */
  public Duration end() {
    return end;
  }

  /**
   * Returns whether the dependency was failing during the phase.
   *
   * @return true for a fault phase
   */
  public boolean fault() {
    return fault;
  }

  /**
   * Returns the calls that started in the phase, admitted or not.
   *
   * @return the number of calls
   */
  public long calls() {
    return counts[Tally.CALLS];
  }

  /**
   * Returns the calls the breaker let through to the dependency; in a fault phase, the calls that
   * still reached the failing dependency.
   *
   * @return the number of admitted calls
   */
  public long admitted() {
    return counts[Tally.ADMITTED];
  }

  /**
   * Returns the calls the breaker rejected.
   *
   * @return the number of rejected calls
   */
  public long rejected() {
    return counts[Tally.REJECTED];
  }

  /**
   * Returns the admitted calls that succeeded: the answers callers got.
   *
   * @return the number of successful calls
   */
  public long successfulCalls() {
    return counts[Tally.SUCCESSFUL];
  }

  /**
   * Returns the calls whose outcome was a failure or a timeout and that the breaker let through.
   *
   * @return the number of failed calls admitted
   */
  public long failedCallsAdmitted() {
    return counts[Tally.FAILED_ADMITTED];
  }

  /**
   * Returns the admitted calls that timed out, under the candidate's timeout or in the workload.
   *
   * @return the number of timeouts
   */
  public long timeouts() {
    return counts[Tally.TIMEOUTS];
  }

  /**
   * Returns the admitted calls whose answer counts neither way (a caller's mistake; scenario
   * workloads only).
   *
   * @return the number of ignored calls
   */
  public long ignoredCalls() {
    return counts[Tally.IGNORED];
  }

  /**
   * Returns the calls whose outcome was a success and that the breaker rejected.
   *
   * @return the number of healthy calls rejected
   */
  public long healthyCallsRejected() {
    return counts[Tally.HEALTHY_REJECTED];
  }

  /**
   * Returns the calls admitted while the breaker was HALF_OPEN.
   *
   * @return the number of trial calls
   */
  public long trialCalls() {
    return counts[Tally.TRIALS];
  }

  /**
   * Returns the calls whose outcome was filled in because the recording breaker had rejected them.
   *
   * @return the number of filled-in calls
   */
  public long filledCalls() {
    return counts[Tally.FILLED];
  }

  /**
   * Returns the transitions to OPEN: from CLOSED, from HALF_OPEN after a failed trial, and from a
   * HALF_OPEN round abandoned after {@code maxHalfOpenWait}.
   *
   * @return the number of transitions to OPEN
   */
  public long opens() {
    return opens;
  }

  /**
   * Returns the transitions from CLOSED to OPEN that happened while the dependency was healthy
   * (in a phase that is not a fault).
   *
   * @return the number of false opens
   */
  public long falseOpens() {
    return falseOpens;
  }

  /**
   * Returns the share of calls that callers saw succeed: successful calls over all calls, in
   * percent; 100 without calls.
   *
   * @return the availability in percent
   */
  public double availability() {
    long calls = calls();
    return calls == 0 ? 100.0 : successfulCalls() * 100.0 / calls;
  }

  /**
   * Returns, for a fault phase, the time from the fault's start until the breaker was OPEN (zero
   * if it already was); empty if it never opened during the fault, and for other phases.
   *
   * @return the detection delay, if the fault was detected
   */
  public Optional<Duration> detectionDelay() {
    return detectionNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(detectionNanos));
  }

  /**
   * Returns, for a fault phase, the time from the fault's end until the breaker was CLOSED (zero
   * if it was CLOSED then); empty if it did not close before the workload ended, and for other
   * phases.
   *
   * @return the recovery delay, if the breaker recovered
   */
  public Optional<Duration> recoveryDelay() {
    return recoveryNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(recoveryNanos));
  }

  long count(int field) {
    return counts[field];
  }

  long detectionNanos() {
    return detectionNanos;
  }

  long recoveryNanos() {
    return recoveryNanos;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhaseFigures p && name.equals(p.name) && start.equals(p.start) && end.equals(p.end)
        && fault == p.fault && Arrays.equals(counts, p.counts) && opens == p.opens
        && falseOpens == p.falseOpens && detectionNanos == p.detectionNanos && recoveryNanos == p.recoveryNanos;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, start, Arrays.hashCode(counts), opens, detectionNanos, recoveryNanos);
  }

  @Override
  public String toString() {
    return "PhaseFigures{" + name + (fault ? " (fault)" : "") + ": calls=" + calls() + ", admitted=" + admitted()
        + ", rejected=" + rejected() + ", failedCallsAdmitted=" + failedCallsAdmitted()
        + ", healthyCallsRejected=" + healthyCallsRejected() + ", opens=" + opens + ", falseOpens=" + falseOpens
        + ", trialCalls=" + trialCalls()
        + detectionDelay().map(d -> ", detectionDelay=" + Durations.readable(d)).orElse("")
        + recoveryDelay().map(d -> ", recoveryDelay=" + Durations.readable(d)).orElse("") + "}";
  }
}
