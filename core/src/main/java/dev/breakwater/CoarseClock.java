package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The clock behind {@link Ticker#coarse()}, which adapts to how often it is read:
 *
 * <ul>
 *   <li>PRECISE (the start, and whenever reads are rare): every read is {@link System#nanoTime()},
 *       and no thread runs for the clock. One read in 256, picked at random per thread, is a
 *       sample for the {@link ReadRate}; when it finds over a million reads a second, averaged over
 *       16 ms so that short bursts do not count, the sampling thread turns the clock coarse and
 *       wakes the {@link Heartbeat}.
 *   <li>COARSE: a read is a memory load of a {@code nanoTime} value that the heartbeat refreshes
 *       every millisecond. Every 64 ticks the heartbeat estimates the reads of one tick (PROBE:
 *       one read in 16, picked at random, is counted); under 300 (300,000 reads a second) and
 *       the clock turns precise again, and the heartbeat stops ticking for it.
 *   <li>SWITCHING: for the few instructions of the switch, reads are precise and also push the
 *       coarse value forward, so no thread ever sees a reading older than one it already had.
 * </ul>
 *
 * <p>Readings never go backwards for a reading thread. Deadlines are never taken from this clock
 * (the {@link TimeoutWheel} reads {@code nanoTime} itself). Thread-safe; the sampling fields are
 * updated racily on purpose: they only steer a heuristic.
 */
final class CoarseClock {
  static final Ticker TICKER = new CoarseTicker();

  static final int PRECISE = 0;
  static final int SWITCHING = 1;
  static final int COARSE = 2;
  static final int PROBE = 3;

  static final int PROBE_EVERY_TICKS = 64;
  private static final int SAMPLE_MASK = 255;
  private static final int PROBE_SAMPLE_MASK = 15;
  private static final int PROBE_SAMPLES_TO_STAY = 300 / (PROBE_SAMPLE_MASK + 1);

  private static final VarHandle MODE;
  private static final VarHandle NOW;

  @SuppressWarnings("unused") // accessed through MODE
  private static volatile int mode = PRECISE;
  private static volatile long now = System.nanoTime();
  private static final ReadRate READ_RATE = new ReadRate(SAMPLE_MASK + 1, 1_000_000);
  // Heuristic state, written racily.
  private static volatile int probeReads;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MODE = lookup.findStaticVarHandle(CoarseClock.class, "mode", int.class);
      NOW = lookup.findStaticVarHandle(CoarseClock.class, "now", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private CoarseClock() {}

  static long read() {
    if (mode == COARSE) {
      return now;
    }
    return readSlow();
  }

  private static long readSlow() {
    int m = mode;
    if (m == COARSE || m == PROBE) {
      return coarse(m);
    }
    return precise(m, System.nanoTime());
  }

  /**
   * What {@link #read()} would return now, given a {@link System#nanoTime()} reading the caller
   * has just taken: that reading itself while the clock is precise, so a caller that needs
   * {@code nanoTime} anyway (a deadline) does not read it twice.
   */
  static long readGiven(long nanoTime) {
    int m = mode;
    if (m == COARSE || m == PROBE) {
      return coarse(m);
    }
    return precise(m, nanoTime);
  }

  private static long coarse(int m) {
    if (m == PROBE && (ThreadLocalRandom.current().nextInt() & PROBE_SAMPLE_MASK) == 0) {
      probeReads = probeReads + 1; // racy: a lost count only errs towards precise reads
    }
    return now;
  }

  private static long precise(int m, long t) {
    if (m == SWITCHING || mode != PRECISE) {
      advance(t); // the clock is turning coarse: later coarse readings must not be older than t
    } else if ((ThreadLocalRandom.current().nextInt() & SAMPLE_MASK) == 0) {
      sample(t);
    }
    return t;
  }

  private static void sample(long t) {
    if (READ_RATE.sample(t)) {
      if (MODE.compareAndSet(PRECISE, SWITCHING)) {
        // A reading taken after SWITCHING is visible, published before COARSE is: readers that
        // still saw PRECISE read the clock before this, and readers that see SWITCHING push the
        // value forward themselves.
        advance(System.nanoTime());
        if (MODE.compareAndSet(SWITCHING, COARSE)) {
          Heartbeat.wakeForClock();
        }
      }
    }
  }

  /**
   * Called by the heartbeat on every wake-up; returns whether the clock needs a tick in a
   * millisecond. {@code ticks} counts the heartbeat's clock ticks since the clock last turned
   * coarse.
   */
  static boolean tick(long nanoTime, long ticks) {
    advance(nanoTime);
    switch (mode) {
      case SWITCHING:
        return true; // the switching reader publishes COARSE; only it may leave SWITCHING
      case COARSE:
        if (ticks % PROBE_EVERY_TICKS == 0) {
          probeReads = 0;
          mode = PROBE;
        }
        return true;
      case PROBE:
        if (probeReads >= PROBE_SAMPLES_TO_STAY) {
          mode = COARSE;
          return true;
        }
        mode = PRECISE;
        return false;
      default:
        return false;
    }
  }

  /** The heartbeat is gone: make every reader take the precise path. */
  static void forceStop() {
    mode = PRECISE;
  }

  /** The current mode; for tests. */
  static int mode() {
    return mode;
  }

  private static void advance(long nanoTime) {
    long current;
    do {
      current = now;
      if (nanoTime - current <= 0) {
        return;
      }
    } while (!NOW.compareAndSet(current, nanoTime));
  }

  /** The public face of the clock. */
  private static final class CoarseTicker implements Ticker {
    @Override
    public long read() {
      return CoarseClock.read();
    }

    @Override
    public String toString() {
      return "Ticker.coarse()";
    }
  }
}
