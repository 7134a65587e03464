package dev.breakwater.redis;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Why the fleet worker should run a cycle now rather than at its next tick. Signalling is a
 * lock-free bit-or and an unpark, safe from any thread (the subscriber, a registry listener, an
 * operator's thread) and it never blocks; repeated signals before the worker wakes coalesce, so
 * nothing queues up. Thread-safe; only the worker thread awaits.
 */
final class Wakeup {
  /** Poll the local breakers now. */
  static final int POLL = 1;
  /** Re-read the overrides. */
  static final int OVERRIDES = 2;
  /** Re-read the other instances' reports (quorum). */
  static final int FLEET = 4;
  /** Everything: after (re)subscribing, messages may have been missed. */
  static final int FULL = POLL | OVERRIDES | FLEET | 8;

  private final AtomicInteger pending = new AtomicInteger();
  private volatile Thread waiter;

  void signal(int reasons) {
    pending.getAndAccumulate(reasons, (a, b) -> a | b);
    LockSupport.unpark(waiter);
  }

  /**
   * Waits up to {@code nanos} for a signal, on the worker thread.
   *
   * @return the signals received, or 0 if the time ran out
   */
  int await(long nanos) {
    waiter = Thread.currentThread();
    long deadline = System.nanoTime() + nanos;
    for (;;) {
      int reasons = pending.getAndSet(0);
      if (reasons != 0) {
        return reasons;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return 0;
      }
      LockSupport.parkNanos(this, left);
    }
  }
}
