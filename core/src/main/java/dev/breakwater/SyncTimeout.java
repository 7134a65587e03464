package dev.breakwater;

/**
 * The deadline of a synchronous call that has no slot of its own in {@link CallerDeadlines} (a
 * nested call, or a thread whose slot another live thread holds): at expiry the calling thread is
 * interrupted. When the call ends, {@link #callEnded()} says whether it beat the deadline and, if
 * not, clears the interrupt this timeout caused, so it never leaks into the caller's later work.
 *
 * <p>A thread's wheel-timed calls form a stack, innermost last: one interrupt flag serves them
 * all, so an inner call that clears its own interrupt also clears that of an enclosing call whose
 * deadline fired meanwhile. {@link #enclosingDeadlineFired} tells the caller to put it back.
 * Thread-safe.
 */
final class SyncTimeout extends TimeoutEntry {
  /** This thread's innermost wheel-timed call still running. */
  private static final ThreadLocal<SyncTimeout> INNERMOST = new ThreadLocal<>();

  private final Thread thread;
  private final SyncTimeout enclosing;

  private SyncTimeout(Thread thread, SyncTimeout enclosing) {
    this.thread = thread;
    this.enclosing = enclosing;
  }

  /**
   * Schedules a deadline {@code timeoutNanos} from now for the calling thread's call, which must
   * end with {@link #callEnded()} on the same thread.
   */
  static SyncTimeout start(long timeoutNanos) {
    return start(timeoutNanos, TimeoutWheel.INSTANCE);
  }

  /** As {@link #start(long)}, on {@code wheel}. */
  static SyncTimeout start(long timeoutNanos, TimeoutWheel wheel) {
    SyncTimeout entry = new SyncTimeout(Thread.currentThread(), INNERMOST.get());
    INNERMOST.set(entry);
    try {
      wheel.schedule(entry, timeoutNanos);
    } catch (Throwable e) {
      // Waking the heartbeat failed (it may need a new thread), after the entry went onto the
      // wheel. No call will run: withdraw the deadline, or a later heartbeat would interrupt
      // this thread in the middle of unrelated work.
      entry.callEnded();
      throw e;
    }
    return entry;
  }

  @Override
  void expire() {
    try {
      thread.interrupt();
    } finally {
      markExpired();
    }
  }

  /**
   * Called by the calling thread when the call ends.
   *
   * @return true if the call ended before the deadline
   */
  boolean callEnded() {
    if (enclosing == null) {
      INNERMOST.remove();
    } else {
      INNERMOST.set(enclosing);
    }
    if (finish()) {
      return true;
    }
    // The wheel fired; wait the few instructions until its interrupt has landed, then clear it.
    while (!isExpired()) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
    return false;
  }

  /**
   * Whether the deadline of a call enclosing the calling thread's current call has fired: its
   * interrupt may have been cleared by the current call and must be set again. The enclosing calls
   * are the thread's running wheel-timed calls and, unless the current call holds it itself, the
   * call holding the thread's slot in {@link CallerDeadlines}.
   *
   * @param currentCallHoldsSlot whether the current call's deadline is in the thread's slot
   */
  static boolean enclosingDeadlineFired(boolean currentCallHoldsSlot) {
    if (!currentCallHoldsSlot
        && CallerDeadlines.INSTANCE.stateOf(Thread.currentThread()) >= CallerDeadline.FIRED) {
      return true;
    }
    for (SyncTimeout e = INNERMOST.get(); e != null; e = e.enclosing) {
      if (!e.isPending()) {
        return true; // fired: it cannot have finished, its call is still running
      }
    }
    return false;
  }
}
