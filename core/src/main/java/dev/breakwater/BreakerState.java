package dev.breakwater;

/**
 * One state of one breaker's life, an immutable identity plus the counters that only matter
 * within it. A permit remembers the state object it was granted in, so an outcome that arrives
 * after the breaker moved on can still be counted but can only change the state it belongs to,
 * which is no longer current: every transition is a compare-and-set from that exact object.
 *
 * <p>Each state carries the sliding window its statistics are read from: a CLOSED state makes a
 * fresh one, every other state keeps the window of the state it came from.
 */
abstract class BreakerState {
  static final int PERMITTED = 0;
  static final int REJECTED = 1;
  static final int CHANGED = 2;

  final SlidingWindow window;

  BreakerState(SlidingWindow window) {
    this.window = window;
  }

  /** The public name of this state. */
  abstract CircuitState state();

  /**
   * Decides about one call: {@link #PERMITTED}, {@link #REJECTED}, or {@link #CHANGED} if the
   * breaker moved to another state meanwhile and the caller should ask that one.
   */
  abstract int admit(DefaultCircuitBreaker breaker);

  /**
   * Makes a time-based transition that is due at {@code now} (OPEN to HALF_OPEN after the retry
   * delay, HALF_OPEN back to OPEN after {@code maxHalfOpenWait}); the breaker then reads its
   * state again.
   *
   * @return whether a transition was due
   */
  boolean expire(DefaultCircuitBreaker breaker, long now) {
    return false;
  }

  /** The trial slots this state's permits hold, or null if its permits hold none. */
  TrialSlots slots() {
    return null;
  }

  /** A call permitted in this state succeeded; {@code slow} if it took slowCallDuration or more. */
  void onSuccess(DefaultCircuitBreaker breaker, boolean slow) {}

  /** A call permitted in this state failed; {@code slow} if it took slowCallDuration or more. */
  void onFailure(DefaultCircuitBreaker breaker, boolean slow) {}

  /** A call permitted in this state ended without an outcome. */
  void onIgnored(DefaultCircuitBreaker breaker) {}
}
