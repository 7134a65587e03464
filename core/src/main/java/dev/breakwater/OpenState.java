package dev.breakwater;

/**
 * OPEN: calls are rejected until the open delay has passed on the breaker's ticker; the first
 * call (or state query) after that moves the breaker to HALF_OPEN. Immutable.
 */
final class OpenState extends BreakerState {
  private final long openedAt;
  private final long delayNanos;
  private final int failedTrials;
  private final TrialSlots slots;

  OpenState(long openedAt, long delayNanos, int failedTrials, TrialSlots slots, SlidingWindow window) {
    super(window);
    this.openedAt = openedAt;
    this.delayNanos = delayNanos;
    this.failedTrials = failedTrials;
    this.slots = slots;
  }

  @Override
  CircuitState state() {
    return CircuitState.OPEN;
  }

  @Override
  int admit(DefaultCircuitBreaker breaker) {
    return expire(breaker, breaker.ticker().read()) ? CHANGED : REJECTED;
  }

  @Override
  boolean expire(DefaultCircuitBreaker breaker, long now) {
    if (now - openedAt >= delayNanos) {
      breaker.halfOpen(this, now);
      return true;
    }
    return false;
  }

  @Override
  TrialSlots slots() {
    return slots;
  }

  long delayNanos() {
    return delayNanos;
  }

  /** How many trials have failed in a row before this opening; drives the backoff. */
  int failedTrials() {
    return failedTrials;
  }
}
