package dev.breakwater.redis;

import dev.breakwater.CircuitState;
import java.util.Objects;
import java.util.Optional;

/**
 * One breaker on one instance, as the instance last reported it. Immutable.
 *
 * @param breakerName the breaker's name
 * @param state the breaker's state
 * @param setByFleet whether the fleet put the breaker in this state (an override, the quorum or
 *     restart memory) and the breaker has recorded no failure since; such a breaker has no
 *     evidence of its own and never counts towards a quorum
 * @param windowCalls successes and failures in the breaker's monitoring window
 * @param windowFailures failures in the breaker's monitoring window
 */
public record BreakerReport(String breakerName, CircuitState state, boolean setByFleet,
    long windowCalls, long windowFailures) {

  /**
   * Validates the components.
   *
   * @param breakerName the breaker's name
   * @param state the breaker's state
   * @param setByFleet whether the fleet put the breaker in this state
   * @param windowCalls successes and failures in the window
   * @param windowFailures failures in the window
   * @throws NullPointerException if a component is null
   */
  public BreakerReport {
    Objects.requireNonNull(breakerName, "breakerName");
    Objects.requireNonNull(state, "state");
  }

  /**
   * Failures ÷ calls × 100 within the window; 0 when the window is empty.
   *
   * @return the window's failure rate, in percent
   */
  public double windowFailureRate() {
    return windowCalls == 0 ? 0.0 : windowFailures * 100.0 / windowCalls;
  }

  /** OPEN or HALF_OPEN on the instance's own evidence: a vote for the quorum. */
  boolean votesOpen() {
    return (state == CircuitState.OPEN || state == CircuitState.HALF_OPEN) && !setByFleet;
  }

  /** An operator's state (FORCED_OPEN or DISABLED): no opinion about the dependency. */
  boolean manual() {
    return state == CircuitState.FORCED_OPEN || state == CircuitState.DISABLED;
  }

  /** The stored value: state, cause, window calls, window failures. */
  String encode() {
    return state.name() + "\n" + (setByFleet ? "fleet" : "local") + "\n" + windowCalls + "\n" + windowFailures;
  }

  /** Reads a stored value; empty if it is not one of ours. */
  static Optional<BreakerReport> decode(String breakerName, String value) {
    if (value == null) {
      return Optional.empty();
    }
    String[] parts = value.split("\n", -1);
    if (parts.length < 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BreakerReport(breakerName, CircuitState.valueOf(parts[0]),
          parts[1].equals("fleet"), Long.parseLong(parts[2]), Long.parseLong(parts[3])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
