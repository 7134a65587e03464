package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * CLOSED: every call is permitted. {@code failureThreshold} consecutive failures open the
 * circuit, and so do the window's failure and slow-call rates when those policies are on. A
 * success resets the consecutive count, writing only when the count is not already zero, so
 * successes on many threads do not fight over one cache line. Thread-safe.
 */
final class ClosedState extends BreakerState {
  private static final VarHandle FAILURES;

  static {
    try {
      FAILURES = MethodHandles.lookup().findVarHandle(ClosedState.class, "consecutiveFailures", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final TrialSlots slots;
  private volatile int consecutiveFailures;

  /**
   * A CLOSED state with its own, new window, made before it is published, and the trial slots
   * the next recovery will use (those of the recovery that just closed, whose late trials may still
   * hold some, or fresh ones after a reset).
   */
  ClosedState(SlidingWindow window, TrialSlots slots) {
    super(window);
    this.slots = slots;
  }

  @Override
  TrialSlots slots() {
    return slots;
  }

  @Override
  CircuitState state() {
    return CircuitState.CLOSED;
  }

  @Override
  int admit(DefaultCircuitBreaker breaker) {
    return PERMITTED;
  }

  @Override
  void onSuccess(DefaultCircuitBreaker breaker, boolean slow) {
    if (consecutiveFailures != 0) {
      consecutiveFailures = 0;
    }
    if (slow) {
      breaker.checkRatePolicies(this, false, true);
    }
  }

  @Override
  void onFailure(DefaultCircuitBreaker breaker, boolean slow) {
    int failures = (int) FAILURES.getAndAdd(this, 1) + 1;
    int threshold = breaker.config().failureThreshold();
    if (failures >= threshold) {
      breaker.open(this, threshold == 1 ? "1 failure" : failures + " consecutive failures", 0,
          slots);
    } else {
      breaker.checkRatePolicies(this, true, slow);
    }
  }
}
