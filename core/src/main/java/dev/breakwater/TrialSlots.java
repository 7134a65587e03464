package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The half-open trial slots of a breaker, handed from state to state (so a slow trial of an
 * earlier round, even one that outlives a close, still holds its slot and the dependency never
 * sees more than {@code halfOpenMaxCalls} trials at once), and replaced by a fresh, empty set
 * whenever the breaker is reset, forced open or disabled, or gives up on a round after
 * {@code maxHalfOpenWait}. A permit returns its slot to
 * the set it took it from, so a permit that is never ended can hold a slot of an abandoned set
 * only, never one a later recovery needs. Thread-safe.
 */
final class TrialSlots {
  private static final VarHandle IN_FLIGHT;

  static {
    try {
      IN_FLIGHT = MethodHandles.lookup().findVarHandle(TrialSlots.class, "inFlight", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through IN_FLIGHT
  private volatile int inFlight;

  boolean tryTake(int max) {
    for (;;) {
      int n = inFlight;
      if (n >= max) {
        return false;
      }
      if (IN_FLIGHT.compareAndSet(this, n, n + 1)) {
        return true;
      }
    }
  }

  void release() {
    IN_FLIGHT.getAndAdd(this, -1);
  }

  int inFlight() {
    return inFlight;
  }
}
