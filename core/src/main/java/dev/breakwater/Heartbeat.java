package dev.breakwater;

import java.lang.System.Logger.Level;
import java.util.concurrent.locks.LockSupport;

/**
 * Breakwater's one background thread, a daemon shared by every breaker in the JVM. Once per
 * millisecond it refreshes the {@link CoarseClock} and expires due entries of the
 * {@link TimeoutWheel}. When neither has work for a second it parks until woken, so an idle
 * application pays nothing. It never runs user code.
 */
final class Heartbeat implements Runnable {
  static final long TICK_NANOS = 1_000_000L;
  private static final int IDLE_TICKS_BEFORE_PARKING = 1_000;
  private static final System.Logger LOG = System.getLogger("dev.breakwater.Heartbeat");

  private static volatile Thread thread;
  private static volatile boolean parked;

  private Heartbeat() {}

  /** Makes sure the heartbeat runs; cheap when it already does. */
  static void wake() {
    Thread t = thread;
    if (t == null) {
      start();
    } else if (parked) {
      LockSupport.unpark(t);
    }
  }

  private static synchronized void start() {
    if (thread == null) {
      Thread t = new Thread(new Heartbeat(), "breakwater-heartbeat");
      t.setDaemon(true);
      t.setPriority(Thread.MAX_PRIORITY);
      thread = t;
      t.start();
    }
  }

  @Override
  public void run() {
    try {
      beat();
    } finally {
      // Should the thread ever die, let the next reader or timeout start a new one rather than
      // leave the coarse clock frozen and deadlines unfired.
      synchronized (Heartbeat.class) {
        thread = null;
        parked = false;
      }
      CoarseClock.forceStop();
    }
  }

  private void beat() {
    int idleTicks = 0;
    for (;;) {
      long now = System.nanoTime();
      try {
        CoarseClock.tick(now);
        TimeoutWheel.INSTANCE.tick(now);
      } catch (Throwable e) {
        LOG.log(Level.ERROR, "breakwater heartbeat tick failed; continuing", e);
      }
      boolean busy = CoarseClock.readSinceLastTick() || TimeoutWheel.INSTANCE.hasWork();
      idleTicks = busy ? 0 : idleTicks + 1;
      if (idleTicks >= IDLE_TICKS_BEFORE_PARKING) {
        parkUntilNeeded();
        idleTicks = 0;
      } else {
        long next = (Math.floorDiv(now, TICK_NANOS) + 1) * TICK_NANOS;
        LockSupport.parkNanos(this, Math.max(next - System.nanoTime(), 1));
      }
    }
  }

  private void parkUntilNeeded() {
    if (!CoarseClock.stop()) {
      return;
    }
    parked = true;
    // Readers and schedulers set their flag first and read `parked` after; we set `parked` first
    // and read their flags after, so at least one side sees the other.
    if (CoarseClock.stopped() && !TimeoutWheel.INSTANCE.hasWork()) {
      LockSupport.park(this);
    }
    parked = false;
  }
}
