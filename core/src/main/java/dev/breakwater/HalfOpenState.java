package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * HALF_OPEN: at most {@code halfOpenMaxCalls} trial calls run at once, counted in the recovery's
 * {@link TrialSlots}. {@code successThreshold} successes in this state close the circuit; any
 * recorded failure opens it again (with a longer delay when backoff is on), and so does a trial
 * success slower than {@code slowCallDuration} when the slow-call policy is on. When trials hold
 * slots and none has been admitted for {@code maxHalfOpenWait}, the round is abandoned: back to
 * OPEN with fresh slots, so trials that never end cannot hold the breaker here. A round with free
 * slots is waiting for traffic, not stuck, and is never abandoned; neither is a trial admitted less
 * than {@code maxHalfOpenWait} ago. Thread-safe.
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
  private final TrialSlots slots;
  private volatile long lastAdmittedAt;
  @SuppressWarnings("unused") // accessed through SUCCESSES
  private volatile int successes;

  HalfOpenState(int failedTrials, TrialSlots slots, long enteredAt, SlidingWindow window) {
    super(window);
    this.failedTrials = failedTrials;
    this.slots = slots;
    this.lastAdmittedAt = enteredAt;
  }

  @Override
  CircuitState state() {
    return CircuitState.HALF_OPEN;
  }

  @Override
  int admit(DefaultCircuitBreaker breaker) {
    long now = breaker.ticker().read();
    if (expire(breaker, now)) {
      return CHANGED;
    }
    if (!slots.tryTake(breaker.config().halfOpenMaxCalls())) {
      return REJECTED;
    }
    if (breaker.currentState() != this) {
      slots.release();
      return CHANGED;
    }
    lastAdmittedAt = now;
    return PERMITTED;
  }

  @Override
  boolean expire(DefaultCircuitBreaker breaker, long now) {
    long wait = breaker.maxHalfOpenWaitNanos();
    if (wait > 0 && slots.inFlight() > 0 && now - lastAdmittedAt >= wait) {
      breaker.abandonTrials(this, failedTrials + 1);
      return true;
    }
    return false;
  }

  @Override
  TrialSlots slots() {
    return slots;
  }

  @Override
  void onSuccess(DefaultCircuitBreaker breaker, boolean slow) {
    try {
      if (slow && breaker.config().slowCallRateThreshold().isPresent()) {
        breaker.open(this, "trial call slow (>= " + breaker.config().slowCallDuration().toMillis()
            + " ms)", failedTrials + 1, slots);
        return;
      }
      int count = (int) SUCCESSES.getAndAdd(this, 1) + 1;
      int threshold = breaker.config().successThreshold();
      if (count >= threshold && breaker.currentState() == this) {
        breaker.close(this, threshold == 1 ? "trial call succeeded" : count + " trial calls succeeded");
      }
    } finally {
      slots.release(); // a listener of the transition may throw an Error
    }
  }

  @Override
  void onFailure(DefaultCircuitBreaker breaker, boolean slow) {
    try {
      breaker.open(this, "trial call failed", failedTrials + 1, slots);
    } finally {
      slots.release();
    }
  }

  @Override
  void onIgnored(DefaultCircuitBreaker breaker) {
    slots.release();
  }
}
