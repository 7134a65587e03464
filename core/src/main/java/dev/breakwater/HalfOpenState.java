package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * HALF_OPEN: at most {@code halfOpenMaxCalls} trial calls run at once; the slots are counted on
 * the breaker, not here, so trials that outlive this state still occupy them.
 * {@code successThreshold} successes in this state close the circuit, and any recorded failure
 * opens it again with a longer delay when backoff is on. Thread-safe.
 */
final class HalfOpenState extends BreakerState {
  private static final VarHandle SUCCESSES;

  static {
    try {
      SUCCESSES = MethodHandles.lookup().findVarHandle(HalfOpenState.class, "successes", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int failedTrials;
  @SuppressWarnings("unused") // accessed through SUCCESSES
  private volatile int successes;

  HalfOpenState(int failedTrials) {
    this.failedTrials = failedTrials;
  }

  @Override
  CircuitState state() {
    return CircuitState.HALF_OPEN;
  }

  @Override
  int admit(DefaultCircuitBreaker breaker) {
    if (!breaker.tryTakeTrialSlot()) {
      return REJECTED;
    }
    if (breaker.currentState() != this) {
      breaker.releaseTrialSlot();
      return CHANGED;
    }
    return PERMITTED;
  }

  @Override
  void onSuccess(DefaultCircuitBreaker breaker, boolean slow) {
    try {
      int count = (int) SUCCESSES.getAndAdd(this, 1) + 1;
      int threshold = breaker.config().successThreshold();
      if (count >= threshold) {
        breaker.close(this, threshold == 1 ? "trial call succeeded" : count + " trial calls succeeded");
      }
    } finally {
      breaker.releaseTrialSlot(); // a listener of the transition may throw an Error
    }
  }

  @Override
  void onFailure(DefaultCircuitBreaker breaker, boolean slow) {
    try {
      breaker.open(this, "trial call failed", failedTrials + 1);
    } finally {
      breaker.releaseTrialSlot();
    }
  }

  @Override
  void onIgnored(DefaultCircuitBreaker breaker) {
    breaker.releaseTrialSlot();
  }
}
