package dev.breakwater;

/**
 * The deadline of a synchronous call: at expiry the calling thread is interrupted. When the call
 * ends, {@link #callEnded()} says whether it beat the deadline and, if not, clears the interrupt
 * this timeout caused, so it never leaks into the caller's later work. Thread-safe.
 */
final class SyncTimeout extends TimeoutEntry {
  private final Thread thread;

  SyncTimeout(Thread thread) {
    this.thread = thread;
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
}
