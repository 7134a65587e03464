package dev.breakwater;

/**
 * OPEN: calls are rejected until the open delay has passed on the breaker's ticker; the first
 * call (or state query) after that moves the breaker to HALF_OPEN. Immutable.
 */
final class OpenState extends BreakerState {
  private final long openedAt;
  private final long delayNanos;
  private final int failedTrials;

  OpenState(long openedAt, long delayNanos, int failedTrials) {
    this.openedAt = openedAt;
    this.delayNanos = delayNanos;
    this.failedTrials = failedTrials;
  }

  @Override
  CircuitState state() {
    return CircuitState.OPEN;
  }

  @Override
  int admit(DefaultCircuitBreaker breaker) {
    if (retryDue(breaker.ticker().read())) {
      breaker.halfOpen(this);
      return CHANGED;
    }
    return REJECTED;
  }

  boolean retryDue(long now) {
    return now - openedAt >= delayNanos;
  }

  long delayNanos() {
    return delayNanos;
  }

  /** How many trials have failed in a row before this opening; drives the backoff. */
  int failedTrials() {
    return failedTrials;
  }
}
