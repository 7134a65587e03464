package dev.breakwater;

import java.lang.System.Logger.Level;
import java.util.concurrent.locks.LockSupport;

/**
 * Breakwater's one background thread, a daemon shared by every breaker in the JVM. It wakes only
 * when there is work: every millisecond while the {@link CoarseClock} is coarse (heavy traffic),
 * at the earliest deadline of the {@link TimeoutWheel}, and when {@link CallerDeadlines} plans a
 * scan. Otherwise it sleeps, so an idle or
 * lightly used application pays nothing for it. It never runs user code.
 *
 * <p>Schedulers and the heartbeat meet without a lock: the heartbeat announces when it will wake
 * and then looks at the wheel's new entries once more; a scheduler pushes its entry and then reads
 * the announcement, and wakes the heartbeat if it would sleep past the new deadline. At least one
 * side sees the other.
 */
final class Heartbeat implements Runnable {
  static final long TICK_NANOS = 1_000_000L;
  private static final System.Logger LOG = System.getLogger("dev.breakwater.Heartbeat");

  private static volatile Thread thread;
  private static volatile boolean sleeping;
  private static volatile boolean sleepingIndefinitely;
  private static volatile long sleepingUntil;

  private Heartbeat() {}

  /** Makes sure the heartbeat wakes by {@code deadline} (a {@link System#nanoTime()} reading). */
  static void wakeBy(long deadline) {
    Thread t = thread;
    if (t == null) {
      start();
    } else if (sleeping && (sleepingIndefinitely || deadline - sleepingUntil < 0)) {
      LockSupport.unpark(t);
    }
  }

  /** The coarse clock needs ticks from now on. */
  static void wakeForClock() {
    Thread t = thread;
    if (t == null) {
      start();
    } else {
      LockSupport.unpark(t);
    }
  }

  private static synchronized void start() {
    if (thread == null) {
      Thread t = new Thread(new Heartbeat(), "breakwater-heartbeat");
      t.setDaemon(true);
      t.setPriority(Thread.MAX_PRIORITY);
      thread = t;
      try {
        t.start();
      } catch (Throwable e) {
        thread = null; // else no later caller would ever start a heartbeat again
        throw e;
      }
    }
  }

  @Override
  public void run() {
    try {
      beat();
    } finally {
      // Should the thread ever die, let the next reader or timeout start a new one rather than
      // leave deadlines unfired.
      synchronized (Heartbeat.class) {
        thread = null;
        sleeping = false;
      }
      CoarseClock.forceStop();
      // Callers must ask again, which starts a new heartbeat; and armed slots ask for one now.
      CallerDeadlines.INSTANCE.forget();
    }
  }

  private void beat() {
    TimeoutWheel wheel = TimeoutWheel.INSTANCE;
    CallerDeadlines callers = CallerDeadlines.INSTANCE;
    long clockTicks = 0;
    boolean firstBeat = true; // a new heartbeat scans the callers' deadlines at once
    for (;;) {
      long now = System.nanoTime();
      boolean clockNeedsTicks = false;
      // Each part in its own try, so that one failing cannot keep the others from their work.
      try {
        clockNeedsTicks = CoarseClock.tick(now, ++clockTicks);
      } catch (Throwable e) {
        tickFailed(e);
      }
      try {
        wheel.tick(now);
      } catch (Throwable e) {
        tickFailed(e);
      }
      try {
        callers.tick(now, firstBeat);
        firstBeat = false;
      } catch (Throwable e) {
        tickFailed(e);
      }
      if (!clockNeedsTicks) {
        clockTicks = 0;
      }
      boolean timers = wheel.entriesInWheel() > 0;
      long wakeAt = clockNeedsTicks ? now + TICK_NANOS : 0;
      if (timers && (!clockNeedsTicks || wheel.nextDeadline() - wakeAt < 0)) {
        wakeAt = wheel.nextDeadline();
      }
      long horizon = wheel.idleHorizon(now);
      boolean idleUntilHorizon = !timers && !clockNeedsTicks && horizon != now;
      if (idleUntilHorizon) {
        wakeAt = horizon; // see TimeoutWheel.idleHorizon: later deadlines need not wake us one by one
      }
      boolean timed = clockNeedsTicks || timers || idleUntilHorizon;
      if (scanSooner(callers, now, timed, wakeAt)) {
        wakeAt = callers.scanAt();
        timed = true;
      }
      sleep(wheel, callers, timed, wakeAt);
    }
  }

  /** Whether the callers' planned scan comes before the wake-up planned so far. */
  private static boolean scanSooner(CallerDeadlines callers, long now, boolean timed, long wakeAt) {
    return callers.scanPlanned(now) && (!timed || callers.scanAt() - wakeAt < 0);
  }

  private static void tickFailed(Throwable e) {
    try {
      LOG.log(Level.ERROR, "breakwater heartbeat tick failed; continuing", e);
    } catch (Throwable logFailed) {
      // the heartbeat must go on even if logging cannot
    }
  }

  private static void sleep(TimeoutWheel wheel, CallerDeadlines callers, boolean timed, long wakeAt) {
    sleepingIndefinitely = !timed;
    sleepingUntil = wakeAt;
    sleeping = true;
    // Entries pushed, or scans brought forward, before the announcement above were not compared
    // with it: look at them now.
    long pendingDeadline = wheel.earliestPending(wakeAt);
    long now = System.nanoTime();
    boolean scanSooner = scanSooner(callers, now, timed, wakeAt);
    boolean newWork = scanSooner || (timed ? pendingDeadline - wakeAt < 0 : wheel.hasWork());
    if (!newWork && (timed || CoarseClock.mode() == CoarseClock.PRECISE)) {
      if (timed) {
        LockSupport.parkNanos(Heartbeat.class, Math.max(wakeAt - System.nanoTime(), 1));
      } else {
        LockSupport.park(Heartbeat.class);
      }
      // Nobody should interrupt this thread, but a set interrupt would make every park return at
      // once and the heartbeat spin: clear it.
      Thread.interrupted();
    }
    sleeping = false;
  }
}
