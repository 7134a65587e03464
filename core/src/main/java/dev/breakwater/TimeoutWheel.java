package dev.breakwater;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one timer behind every breaker's per-call timeout: a hashed timing wheel of 512 one-
 * millisecond buckets, driven by the {@link Heartbeat}. Scheduling pushes the entry onto a
 * lock-free stack; the heartbeat moves entries into buckets and fires those that are due.
 * Cancelling is a compare-and-set on the entry; cancelled entries are dropped when the
 * heartbeat next meets them, so a fast call costs one push and one CAS and never a phantom
 * timeout. Deadlines are exact to about a millisecond.
 *
 * <p>{@link #schedule} is thread-safe; everything else runs on the heartbeat thread only.
 */
final class TimeoutWheel {
  static final TimeoutWheel INSTANCE = new TimeoutWheel(CoarseClock.TICKER, Heartbeat::wake);

  private static final int WHEEL_SIZE = 512;
  private static final long TICK = Heartbeat.TICK_NANOS;
  private static final System.Logger LOG = System.getLogger("dev.breakwater.TimeoutWheel");

  private final Ticker clock;
  private final Runnable wake;
  private final AtomicReference<TimeoutEntry> pending = new AtomicReference<>();
  private final TimeoutEntry[] buckets = new TimeoutEntry[WHEEL_SIZE];
  private int entriesInWheel;
  private long lastTick = Long.MIN_VALUE;

  /**
   * @param clock the real-time clock deadlines are computed on
   * @param wake makes sure {@link #tick} gets called, e.g. wakes the heartbeat
   */
  TimeoutWheel(Ticker clock, Runnable wake) {
    this.clock = clock;
    this.wake = wake;
  }

  /** Arms {@code entry} to fire {@code delayNanos} from now, on the real-time clock. */
  void schedule(TimeoutEntry entry, long delayNanos) {
    entry.deadline = clock.read() + delayNanos;
    TimeoutEntry head;
    do {
      head = pending.get();
      entry.nextPending = head;
    } while (!pending.compareAndSet(head, entry));
    wake.run();
  }

  boolean hasWork() {
    return pending.get() != null || entriesInWheel > 0;
  }

  /** Package-private for tests: how many armed entries sit in buckets. */
  int entriesInWheel() {
    return entriesInWheel;
  }

  /** Heartbeat only: file new entries, then fire every entry due by {@code now}. */
  void tick(long now) {
    long tick = Math.floorDiv(now, TICK);
    if (lastTick == Long.MIN_VALUE) {
      lastTick = tick - 1;
    }
    for (TimeoutEntry e = pending.getAndSet(null); e != null; ) {
      TimeoutEntry next = e.nextPending;
      e.nextPending = null;
      if (e.isPending()) {
        if (e.deadline - now <= 0) {
          fire(e);
        } else {
          // The bucket of the first tick at or after the deadline, and never one already swept.
          long due = Math.max(Math.floorDiv(e.deadline + TICK - 1, TICK), tick + 1);
          int index = (int) (due & (WHEEL_SIZE - 1));
          e.nextInBucket = buckets[index];
          buckets[index] = e;
          entriesInWheel++;
        }
      }
      e = next;
    }
    long from = Math.max(lastTick + 1, tick - WHEEL_SIZE + 1);
    for (long t = from; t <= tick; t++) {
      sweep((int) (t & (WHEEL_SIZE - 1)), now);
    }
    lastTick = tick;
  }

  private void sweep(int index, long now) {
    TimeoutEntry previous = null;
    for (TimeoutEntry e = buckets[index]; e != null; ) {
      TimeoutEntry next = e.nextInBucket;
      boolean due = e.deadline - now <= 0;
      if (!e.isPending() || due) {
        if (previous == null) {
          buckets[index] = next;
        } else {
          previous.nextInBucket = next;
        }
        e.nextInBucket = null;
        entriesInWheel--;
        if (due) {
          fire(e);
        }
      } else {
        previous = e;
      }
      e = next;
    }
  }

  private static void fire(TimeoutEntry e) {
    if (e.tryFire()) {
      try {
        e.expire();
      } catch (Throwable ex) {
        // One failed expiry must not strand the entries after it, which nobody else would fire.
        LOG.log(Level.ERROR, "timeout expiry failed", ex);
      }
    }
  }

  /**
   * Where asynchronous timeouts complete their futures, off the heartbeat thread, because
   * completing a future runs its dependents. Cached daemon threads, so one slow dependent does
   * not delay other timeouts.
   */
  static Executor expiryExecutor() {
    return ExpiryExecutor.INSTANCE;
  }

  private static final class ExpiryExecutor {
    static final ExecutorService INSTANCE = Executors.newCachedThreadPool(new DaemonFactory());
  }

  private static final class DaemonFactory implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "breakwater-timeout-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
