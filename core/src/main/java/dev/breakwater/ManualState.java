package dev.breakwater;

/**
 * FORCED_OPEN and DISABLED, the states set by hand: one rejects everything, the other permits
 * everything; neither changes on its own. Outcomes of calls permitted while DISABLED are counted
 * in the statistics. Immutable.
 */
final class ManualState extends BreakerState {
  private final CircuitState state;

  ManualState(CircuitState state, SlidingWindow window) {
    super(window);
    this.state = state;
  }

  @Override
  CircuitState state() {
    return state;
  }

  @Override
  int admit(DefaultCircuitBreaker breaker) {
    return state == CircuitState.DISABLED ? PERMITTED : REJECTED;
  }
}
