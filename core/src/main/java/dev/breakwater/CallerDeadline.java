package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One thread's reusable deadline slot in {@link CallerDeadlines}. Its stamp holds a call number
 * and a state (idle, armed, fired, expired); the owner arms it for each call and disarms it with a
 * compare-and-set when the call ends, the heartbeat fires it with a compare-and-set on the same
 * stamp, so exactly one of them wins, and a call number that has moved on can never be fired.
 * Padded so that the owner's writes share no cache line with another slot's.
 *
 * <p>Thread-safe: {@link #arm} and {@link #disarm} are for the owner only, {@link #fire} for the
 * heartbeat.
 */
final class CallerDeadline extends CallerDeadlineFields {
  static final long IDLE = 0;
  static final long ARMED = 1;
  static final long FIRED = 2;
  static final long EXPIRED = 3;
  private static final long STATE = 3;
  private static final long NEXT_CALL = 4;

  private static final VarHandle STAMP;
  private static final VarHandle DEADLINE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STAMP = lookup.findVarHandle(CallerDeadlineFields.class, "stamp", long.class);
      DEADLINE = lookup.findVarHandle(CallerDeadlineFields.class, "deadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused")
  private long q0, q1, q2, q3, q4, q5, q6, q7;

  CallerDeadline(Thread owner) {
    super(owner);
  }

  static boolean isArmed(long stamp) {
    return state(stamp) == ARMED;
  }

  /** The state (IDLE, ARMED, FIRED or EXPIRED) a stamp holds. */
  static long state(long stamp) {
    return stamp & STATE;
  }

  /**
   * Owner only: arms the slot for a new call. The volatile write orders it before the caller's
   * read of the planned scan (see {@link CallerDeadlines}).
   *
   * @return false if the slot is in use by a call still running on this thread
   */
  boolean arm(long deadline) {
    long current = stamp;
    if ((current & STATE) != IDLE) {
      return false;
    }
    DEADLINE.setOpaque(this, deadline);
    long armed = (current & ~STATE) + NEXT_CALL + ARMED;
    armedStamp = armed;
    STAMP.setVolatile(this, armed);
    return true;
  }

  /**
   * Owner only, when the call ends.
   *
   * @return true if the call ended before the deadline; false if it fired, in which case the
   *     interrupt it caused has been cleared
   */
  boolean disarm() {
    long armed = armedStamp;
    if (STAMP.compareAndSet(this, armed, armed - ARMED + IDLE)) {
      return true;
    }
    // The heartbeat fired; wait the few instructions until its interrupt has landed, then clear it.
    long expired = armed - ARMED + EXPIRED;
    while ((long) STAMP.getVolatile(this) != expired) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
    STAMP.setVolatile(this, armed - ARMED + IDLE);
    return false;
  }

  /** Heartbeat only: interrupts the owner if the call numbered by {@code armed} is still running. */
  void fire(long armed) {
    if (STAMP.compareAndSet(this, armed, armed - ARMED + FIRED)) {
      try {
        owner.interrupt();
      } finally {
        STAMP.setVolatile(this, armed - ARMED + EXPIRED);
      }
    }
  }

  long stamp() {
    return (long) STAMP.getVolatile(this);
  }

  /** The deadline of the current or last call. */
  long deadline() {
    return (long) DEADLINE.getOpaque(this);
  }

  /** Hands an idle slot whose owner died to {@code newOwner}. */
  boolean takeOver(Thread deadOwner, Thread newOwner) {
    return (stamp & STATE) == IDLE && changeOwner(deadOwner, newOwner);
  }
}

/** The fields of one slot. */
abstract class CallerDeadlineFields extends ThreadSlot {
  volatile long stamp;
  long deadline;
  long armedStamp; // owner only: the stamp of the running call

  CallerDeadlineFields(Thread owner) {
    super(owner);
  }
}
