package dev.breakwater;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * The one timer behind every breaker's per-call timeout, driven by the {@link Heartbeat}.
 * Deadlines are read from {@link System#nanoTime()} (never from the coarse clock), and an entry
 * fires only once that clock has reached its deadline, so no call is ever timed out early.
 *
 * <p>Scheduling pushes the entry onto a lock-free stack and wakes the heartbeat only if it plans
 * to sleep past the new deadline (or the stack has grown long), and with nothing armed it sleeps
 * until the latest deadline it has seen rather than indefinitely, so steady traffic with one
 * timeout setting costs about one wake-up per timeout period, however many calls it makes. On each wake-up the heartbeat files the stack's live
 * entries into an array, fires what is due, and learns the earliest deadline left, which is when
 * it next needs to wake. Finished entries (calls that beat their deadline, the usual case) are
 * dropped when met: on filing, or when the array is swept, which happens at the earliest
 * deadline or once the array has doubled since the last sweep, so the work per entry stays
 * constant. Cancelling is a compare-and-set on the entry.
 *
 * <p>{@link #schedule} is thread-safe; everything else runs on the heartbeat thread only.
 */
final class TimeoutWheel {
  static final TimeoutWheel INSTANCE = new TimeoutWheel(Ticker.system(), Heartbeat::wakeBy);

  /** Every this many entries waiting in the stack, the scheduler wakes the heartbeat to file them. */
  static final int DRAIN_EVERY = 4096;
  private static final System.Logger LOG = System.getLogger("dev.breakwater.TimeoutWheel");

  private final Ticker clock;
  private final LongConsumer wakeBy;
  private final AtomicReference<TimeoutEntry> pending = new AtomicReference<>();
  private TimeoutEntry[] armed = new TimeoutEntry[16];
  private int size;
  private int sizeAfterSweep;
  private long earliest; // the earliest deadline among armed entries; meaningless when size == 0
  private long latestSeen; // the latest deadline of any entry taken from the stack, finished or not
  private boolean seenAny;

  /**
   * @param clock the real-time clock deadlines are computed on
   * @param wakeBy asks for {@link #tick} to be called by the given deadline
   */
  TimeoutWheel(Ticker clock, LongConsumer wakeBy) {
    this.clock = clock;
    this.wakeBy = wakeBy;
  }

  /** Arms {@code entry} to fire {@code delayNanos} from now, on the real-time clock. */
  void schedule(TimeoutEntry entry, long delayNanos) {
    long deadline = clock.read() + delayNanos;
    entry.deadline = deadline;
    TimeoutEntry head;
    do {
      head = pending.get();
      entry.nextPending = head;
      entry.depth = head == null ? 1 : head.depth + 1;
    } while (!pending.compareAndSet(head, entry));
    if (entry.depth % DRAIN_EVERY == 0) {
      wakeBy.accept(clock.read()); // a long stack: file it now, even if nothing is due
    } else {
      wakeBy.accept(deadline);
    }
  }

  boolean hasWork() {
    return pending.get() != null || size > 0;
  }

  /** Package-private for tests: how many entries sit in the array, finished ones included. */
  int entriesInWheel() {
    return size;
  }

  /**
   * The earliest deadline among entries not yet filed, or {@code fallback} if it is earlier or
   * the stack is empty. Heartbeat only, before it sleeps: entries pushed after this read wake it
   * themselves if they need to.
   */
  long earliestPending(long fallback) {
    long min = fallback;
    for (TimeoutEntry e = pending.get(); e != null; e = e.nextPending) {
      if (e.deadline - min < 0) {
        min = e.deadline;
      }
    }
    return min;
  }

  /**
   * When the heartbeat may next wake with nothing armed: the latest deadline of the entries it has
   * seen, even finished ones. Steady traffic schedules deadlines later than that, so sleeping until
   * then (rather than indefinitely) means new entries need not wake the heartbeat one by one; it
   * files them all when it wakes. Heartbeat only.
   *
   * @param now the current {@code nanoTime}
   * @return the horizon, or {@code now} if it has passed or nothing was ever scheduled
   */
  long idleHorizon(long now) {
    return seenAny && latestSeen - now > 0 ? latestSeen : now;
  }

  /**
   * The earliest deadline of an armed entry; valid after {@link #tick} when
   * {@link #entriesInWheel()} is positive.
   */
  long nextDeadline() {
    return earliest;
  }

  /** Heartbeat only: file new entries, then fire every entry due by {@code now}. */
  void tick(long now) {
    boolean sweep = size > 0 && now - earliest >= 0;
    for (TimeoutEntry e = pending.getAndSet(null); e != null; ) {
      TimeoutEntry next = e.nextPending;
      e.nextPending = null;
      if (!seenAny || e.deadline - latestSeen > 0) {
        latestSeen = e.deadline;
        seenAny = true;
      }
      if (e.isPending()) {
        if (e.deadline - now <= 0) {
          fire(e);
        } else {
          file(e);
        }
      }
      e = next;
    }
    if (sweep || size > 2 * sizeAfterSweep + 64) {
      sweep(now);
    }
  }

  private void file(TimeoutEntry e) {
    if (size == armed.length) {
      armed = Arrays.copyOf(armed, size * 2);
    }
    if (size == 0 || e.deadline - earliest < 0) {
      earliest = e.deadline;
    }
    armed[size++] = e;
  }

  /** Fires due entries, drops finished ones, and recomputes the earliest deadline. */
  private void sweep(long now) {
    int kept = 0;
    long min = 0;
    for (int i = 0; i < size; i++) {
      TimeoutEntry e = armed[i];
      armed[i] = null;
      if (!e.isPending()) {
        continue;
      }
      if (e.deadline - now <= 0) {
        fire(e);
        continue;
      }
      if (kept == 0 || e.deadline - min < 0) {
        min = e.deadline;
      }
      armed[kept++] = e;
    }
    size = kept;
    sizeAfterSweep = kept;
    earliest = min;
    if (armed.length > 64 && kept < armed.length / 4) {
      armed = Arrays.copyOf(armed, Math.max(16, armed.length / 2));
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
