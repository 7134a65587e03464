package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A slot that one thread owns at a time, in a table indexed by thread id: a counter {@link Cell}
 * or a {@link CallerDeadline}. It holds the owner and pads the left side, so that the owner's
 * writes share no cache line with whatever precedes the slot; subclasses pad their right side. A
 * slot whose owner has died can be handed to another thread with its contents.
 */
abstract class ThreadSlot {
  private static final VarHandle OWNER;

  static {
    try {
      OWNER = MethodHandles.lookup().findVarHandle(ThreadSlot.class, "owner", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6, p7;

  volatile Thread owner;

  ThreadSlot(Thread owner) {
    this.owner = owner;
  }

  /**
   * Whether {@code owner} has died, so that its slot may be taken over. {@code isAlive()} makes
   * the dead owner's last writes visible to the caller, which continues from them.
   */
  static boolean hasDied(Thread owner) {
    return owner.getState() == Thread.State.TERMINATED && !owner.isAlive();
  }

  /** Hands the slot from {@code deadOwner} to {@code newOwner}; false if another thread did first. */
  final boolean changeOwner(Thread deadOwner, Thread newOwner) {
    return OWNER.compareAndSet(this, deadOwner, newOwner);
  }
}
