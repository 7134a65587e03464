package dev.breakwater;

/**
 * One state of one breaker's life, an immutable identity plus the counters that only matter
 * within it. A permit remembers the state object it was granted in, so an outcome that arrives
 * after the breaker moved on can still be counted but can only change the state it belongs to,
 * which is no longer current: every transition is a compare-and-set from that exact object.
 */
abstract class BreakerState {
  static final int PERMITTED = 0;
  static final int REJECTED = 1;
  static final int CHANGED = 2;

  /** The public name of this state. */
  abstract CircuitState state();

  /**
   * Decides about one call: {@link #PERMITTED}, {@link #REJECTED}, or {@link #CHANGED} if the
   * breaker moved to another state meanwhile and the caller should ask that one.
   */
  abstract int admit(DefaultCircuitBreaker breaker);

  /** A call permitted in this state succeeded; {@code slow} if it took slowCallDuration or more. */
  void onSuccess(DefaultCircuitBreaker breaker, boolean slow) {}

  /** A call permitted in this state failed; {@code slow} if it took slowCallDuration or more. */
  void onFailure(DefaultCircuitBreaker breaker, boolean slow) {}

  /** A call permitted in this state ended without an outcome. */
  void onIgnored(DefaultCircuitBreaker breaker) {}
}
