package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A deadline in the {@link TimeoutWheel}. The call that owns it and the wheel race to end it:
 * the owner with {@link #finish()}, the wheel with {@link #tryFire()}; exactly one wins.
 * Thread-safe.
 */
abstract class TimeoutEntry {
  private static final int PENDING = 0;
  private static final int FINISHED = 1;
  private static final int FIRED = 2;
  private static final int EXPIRED = 3;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(TimeoutEntry.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  // Written before the entry is published to the wheel, then read by the heartbeat.
  long deadline;
  int depth; // entries in the pending stack up to and including this one
  TimeoutEntry nextPending;

  /** The owner ended first: the deadline will not fire. */
  final boolean finish() {
    return STATE.compareAndSet(this, PENDING, FINISHED);
  }

  /** The wheel claims the entry at its deadline. */
  final boolean tryFire() {
    return STATE.compareAndSet(this, PENDING, FIRED);
  }

  final boolean isPending() {
    return state == PENDING;
  }

  final boolean isExpired() {
    return state == EXPIRED;
  }

  final void markExpired() {
    state = EXPIRED;
  }

  /**
   * Runs on the heartbeat thread once {@link #tryFire()} succeeded. Must be quick and must not
   * run user code; must end with {@link #markExpired()} on every path.
   */
  abstract void expire();
}
