package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The clock behind {@link Ticker#coarse()}: a {@link System#nanoTime()} reading that the
 * {@link Heartbeat} refreshes once per tick, so a read is a memory load. The heartbeat only ticks
 * while somebody reads: each tick it marks the clock unused, and the next reader marks it used
 * again. After a second without readers the heartbeat stops the clock; the next reader then gets
 * a precise reading and wakes it.
 *
 * <p>Readings never go backwards: every writer advances the value with a compare-and-set to the
 * larger value. Thread-safe.
 */
final class CoarseClock {
  static final Ticker TICKER = new CoarseTicker();

  private static final int IN_USE = 0;
  private static final int UNUSED = 1;
  private static final int STOPPED = 2;

  private static final VarHandle MODE;
  private static final VarHandle NOW;

  @SuppressWarnings("unused") // accessed through MODE
  private static volatile int mode = STOPPED;
  private static volatile long now = System.nanoTime();

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
    if (mode == IN_USE) {
      return now;
    }
    return readSlow();
  }

  private static long readSlow() {
    for (;;) {
      int m = mode;
      if (m == IN_USE) {
        return now;
      }
      if (m == UNUSED) {
        // The heartbeat is ticking, so the reading is fresh; just say that we still use it.
        if (MODE.compareAndSet(UNUSED, IN_USE)) {
          return now;
        }
        continue;
      }
      long precise = System.nanoTime();
      advance(precise);
      if (MODE.compareAndSet(STOPPED, IN_USE)) {
        Heartbeat.wake();
      }
      return precise;
    }
  }

  /** Called by the heartbeat on every tick. */
  static void tick(long nanoTime) {
    advance(nanoTime);
  }

  /** Called by the heartbeat after a tick: was the clock read since the previous tick? */
  static boolean readSinceLastTick() {
    return mode == IN_USE && MODE.compareAndSet(IN_USE, UNUSED);
  }

  /** Called by the heartbeat before it parks: stops the clock unless a reader just came. */
  static boolean stop() {
    return MODE.compareAndSet(UNUSED, STOPPED) || mode == STOPPED;
  }

  static boolean stopped() {
    return mode == STOPPED;
  }

  /** The heartbeat is gone: make every reader take the precise path, which starts a new one. */
  static void forceStop() {
    mode = STOPPED;
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
