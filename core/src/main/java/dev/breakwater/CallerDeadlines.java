package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongConsumer;

/**
 * The deadlines of synchronous calls, one reusable {@link CallerDeadline} per calling thread, so a
 * call with a timeout allocates nothing and touches no memory another caller writes. The
 * {@link Heartbeat} scans the slots at {@link #scanAt()} (the earliest deadline it knows of),
 * interrupts the callers whose deadline has passed, and plans its next scan; a caller whose
 * deadline is earlier than the planned scan brings it forward and wakes the heartbeat. With steady
 * traffic on one timeout setting that happens about once per timeout period: after a scan that
 * finds nothing armed, the next is planned at the latest deadline the slots last held, which no
 * later call's deadline precedes.
 *
 * <p>A thread's slot is the one at its id modulo {@value #SLOTS}; a thread whose slot is held by
 * another live thread, or that is already inside a call with a deadline (a nested call), gets no
 * slot, and its call uses the {@link TimeoutWheel} instead. A slot whose thread died is taken
 * over. Deadlines are {@link System#nanoTime()} readings (from the clock given to the
 * constructor), never the coarse clock, so nothing fires early.
 *
 * <p>Arming and planning meet without a lock. A caller arms its slot with a volatile write, then
 * reads the planned scan time; the heartbeat, after a scan, publishes the next scan time with a
 * volatile write and then scans once more. A caller that read the old plan, and so counts on this
 * scan, is therefore seen by the second pass; a caller that read the new plan brings it forward
 * itself if it must.
 *
 * <p>{@link #arm} and {@link CallerDeadline#disarm} run on calling threads; {@link #tick} on the
 * heartbeat only.
 */
final class CallerDeadlines {
  static final CallerDeadlines INSTANCE = new CallerDeadlines(Ticker.system(), Heartbeat::wakeBy);

  /** Slots in the table; threads whose ids collide modulo this use the timing wheel. */
  static final int SLOTS = 1024;
  /** How far ahead "no scan planned" lies; differences of nanoTime readings stay far from overflow. */
  static final long FAR = Long.MAX_VALUE / 4;

  private static final VarHandle TABLE;
  private static final VarHandle SCAN_AT;
  private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(CallerDeadline[].class);

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      TABLE = lookup.findVarHandle(CallerDeadlines.class, "table", CallerDeadline[].class);
      SCAN_AT = lookup.findVarHandle(CallerDeadlines.class, "scanAt", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Ticker clock;
  private final LongConsumer wakeBy;
  private volatile CallerDeadline[] table;
  private volatile long scanAt;

  /**
   * @param clock the real-time clock deadlines are computed on
   * @param wakeBy asks for {@link #tick} to be called by the given deadline
   */
  CallerDeadlines(Ticker clock, LongConsumer wakeBy) {
    this.clock = clock;
    this.wakeBy = wakeBy;
    this.scanAt = clock.read() + FAR;
  }

  /**
   * Arms the calling thread's slot to interrupt it at {@code deadline}, a reading of this
   * instance's clock ({@link System#nanoTime()} for {@link #INSTANCE}) plus the timeout.
   *
   * @return the armed slot, to {@link CallerDeadline#disarm} when the call ends; null if this
   *     thread has no free slot (the caller then uses the {@link TimeoutWheel})
   */
  CallerDeadline arm(long deadline) {
    Thread me = Thread.currentThread();
    CallerDeadline[] t = table;
    CallerDeadline slot = t == null ? null : t[index(me)];
    if (slot == null || slot.owner != me) {
      slot = claim(me);
      if (slot == null) {
        return null;
      }
    }
    if (!slot.arm(deadline)) {
      return null; // a call with a deadline is already running on this thread
    }
    if (scanAt - deadline > 0) {
      try {
        scanBy(deadline);
      } catch (Throwable e) {
        // No call runs and nobody will disarm: do it now, or the deadline would interrupt this
        // thread's later work and the slot would stay unusable.
        slot.disarm();
        throw e;
      }
    }
    return slot;
  }

  /** Brings the planned scan forward to {@code deadline} and makes sure the heartbeat wakes for it. */
  private void scanBy(long deadline) {
    long planned;
    do {
      planned = scanAt;
      if (planned - deadline <= 0) {
        return;
      }
    } while (!SCAN_AT.compareAndSet(this, planned, deadline));
    wakeBy.accept(deadline);
  }

  /** The next planned scan, a reading of the clock; {@link #FAR} ahead when none is planned. */
  long scanAt() {
    return scanAt;
  }

  /** The clock deadlines are read from; for tests. */
  Ticker clock() {
    return clock;
  }

  /**
   * The heartbeat died: plan no scan, so that the next caller asks for one and starts a new one;
   * then ask for a scan by the earliest armed deadline. Callers that armed before this counted on
   * the dead heartbeat's plan and will not ask, and a new heartbeat (started since the old one
   * cleared its thread) may already have planned a scan that the write above erased.
   */
  void forget() {
    long now = clock.read();
    scanAt = now + FAR;
    long earliest = now + FAR;
    CallerDeadline[] t = table;
    if (t != null) {
      for (int i = 0; i < t.length; i++) {
        CallerDeadline slot = (CallerDeadline) ELEMENT.getVolatile(t, i);
        if (slot != null && CallerDeadline.isArmed(slot.stamp()) && slot.deadline() - earliest < 0) {
          earliest = slot.deadline();
        }
      }
    }
    if (earliest - (now + FAR) < 0) {
      scanBy(earliest);
    }
  }

  /** Whether a scan is planned; false when {@link #scanAt()} is only the far-off placeholder. */
  boolean scanPlanned(long now) {
    return scanAt - now < FAR / 2;
  }

  /**
   * Heartbeat only. If the planned scan is due at {@code now} (or {@code force}), fires every
   * armed deadline that has passed and plans the next scan.
   */
  void tick(long now, boolean force) {
    long planned = scanAt;
    if (!force && now - planned < 0) {
      return;
    }
    long next = scan(now);
    if (!SCAN_AT.compareAndSet(this, planned, next)) {
      // A caller brought the scan forward while we scanned: it is due; keep it, and the next tick
      // scans again. The second pass below still runs for callers that counted on this scan.
      next = scanAt;
    }
    long again = scan(now);
    if (again - next < 0) {
      scanBy(again);
    }
  }

  /**
   * Fires every armed deadline that has passed; returns when the next scan is needed: the
   * earliest armed deadline, else the latest deadline a slot last held if still ahead, else
   * {@link #FAR} ahead.
   */
  private long scan(long now) {
    CallerDeadline[] t = table;
    long earliestArmed = now + FAR;
    long latestHeld = now;
    if (t != null) {
      for (int i = 0; i < t.length; i++) {
        // A volatile read: a slot that a caller has just added, armed, and then found the old plan
        // must be seen by the second pass, which a plain read does not promise.
        CallerDeadline slot = (CallerDeadline) ELEMENT.getVolatile(t, i);
        if (slot == null) {
          continue;
        }
        long stamp = slot.stamp();
        long deadline = slot.deadline();
        if (CallerDeadline.isArmed(stamp)) {
          if (deadline - now <= 0) {
            slot.fire(stamp); // fails harmlessly if that call ended meanwhile
          } else if (deadline - earliestArmed < 0) {
            earliestArmed = deadline;
          }
        } else if (deadline - latestHeld > 0) {
          latestHeld = deadline;
        }
      }
    }
    if (earliestArmed - (now + FAR) < 0) {
      return earliestArmed;
    }
    return latestHeld - now > 0 ? latestHeld : now + FAR;
  }

  /** Claims this thread's slot if it is free or its owner died idle; null if it is taken. */
  private CallerDeadline claim(Thread me) {
    CallerDeadline[] t = table;
    if (t == null) {
      TABLE.compareAndSet(this, null, new CallerDeadline[SLOTS]);
      t = table;
    }
    int i = index(me);
    CallerDeadline slot = (CallerDeadline) ELEMENT.getVolatile(t, i);
    if (slot == null) {
      CallerDeadline mine = new CallerDeadline(me);
      if (ELEMENT.compareAndSet(t, i, null, mine)) {
        return mine;
      }
      slot = (CallerDeadline) ELEMENT.getVolatile(t, i);
    }
    Thread owner = slot.owner;
    if (owner == me) {
      return slot;
    }
    if (ThreadSlot.hasDied(owner) && slot.takeOver(owner, me)) {
      return slot;
    }
    return null;
  }

  /**
   * The state ({@link CallerDeadline#IDLE}, {@code ARMED}, {@code FIRED} or {@code EXPIRED}) of
   * the slot {@code thread} owns, or -1 if it owns none.
   */
  long stateOf(Thread thread) {
    CallerDeadline[] t = table;
    CallerDeadline slot = t == null ? null : (CallerDeadline) ELEMENT.getVolatile(t, index(thread));
    return slot == null || slot.owner != thread ? -1 : CallerDeadline.state(slot.stamp());
  }

  private static int index(Thread thread) {
    return (int) thread.getId() & (SLOTS - 1);
  }
}
