package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A breaker's lifetime counters, striped by thread so that the success path needs no atomic
 * instruction. Each thread that records an outcome claims a {@link Cell} in a table of 64 slots (its
 * slot is its thread id modulo the table size) and then updates that cell with plain, opaque
 * writes: it is the only writer. A thread whose slot is held by another live thread falls back
 * to one of 8 shared cells (picked by thread id) updated with atomic adds, as a
 * {@link java.util.concurrent.atomic.LongAdder} would; a slot whose owner has died is taken over,
 * with its counts. Readers sum every cell. Both tables are made on first use, so an idle breaker
 * pays for neither.
 *
 * <p>Thread-safe. Sums read while outcomes are being recorded are not an atomic snapshot, but
 * each counter is exact once recording stops.
 */
final class Counters {
  private static final int TABLE_SIZE = 64;
  private static final int SHARED_CELLS = 8;
  private static final VarHandle CELLS;
  private static final VarHandle SHARED;
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Cell[].class);

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CELLS = lookup.findVarHandle(Counters.class, "cells", Cell[].class);
      SHARED = lookup.findVarHandle(Counters.class, "shared", Cell[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Cell[] cells;
  private volatile Cell[] shared;

  void success(long nanos, boolean slow) {
    Cell c = ownCell();
    if (c != null) {
      c.addSuccess(nanos, slow);
    } else {
      sharedCell().addSuccessAtomically(nanos, slow);
    }
  }

  void failure(long nanos, boolean timeout, boolean slow) {
    Cell c = ownCell();
    if (c != null) {
      c.addFailure(nanos, timeout, slow);
    } else {
      sharedCell().addFailureAtomically(nanos, timeout, slow);
    }
  }

  void ignored() {
    Cell c = ownCell();
    if (c != null) {
      c.add(Cell.IGNORED);
    } else {
      sharedCell().addAtomically(Cell.IGNORED);
    }
  }

  void rejection() {
    Cell c = ownCell();
    if (c != null) {
      c.add(Cell.REJECTIONS);
    } else {
      sharedCell().addAtomically(Cell.REJECTIONS);
    }
  }

  long successes() {
    return sum(Cell.SUCCESSES);
  }

  long failures() {
    return sum(Cell.FAILURES);
  }

  long timeouts() {
    return sum(Cell.TIMEOUTS);
  }

  long rejections() {
    return sum(Cell.REJECTIONS);
  }

  long ignoredCalls() {
    return sum(Cell.IGNORED);
  }

  long slowCalls() {
    return sum(Cell.SLOW);
  }

  long durationNanos() {
    return sum(Cell.DURATION);
  }

  private long sum(VarHandle field) {
    long total = 0;
    Cell[] ss = shared;
    if (ss != null) {
      for (Cell s : ss) {
        total += s.get(field);
      }
    }
    Cell[] cs = cells;
    if (cs != null) {
      for (Cell c : cs) {
        if (c != null) {
          total += c.get(field);
        }
      }
    }
    return total;
  }

  private Cell ownCell() {
    Cell[] cs = cells;
    Thread me = Thread.currentThread();
    if (cs != null) {
      Cell c = cs[slot(me, cs.length)];
      if (c != null && c.owner == me) {
        return c;
      }
    }
    return claim(me);
  }

  /** Claims this thread's slot if it is free or its owner has died; null if it is taken. */
  private Cell claim(Thread me) {
    Cell[] cs = cells;
    if (cs == null) {
      Cell[] fresh = new Cell[TABLE_SIZE];
      cs = CELLS.compareAndSet(this, null, fresh) ? fresh : cells;
    }
    int slot = slot(me, cs.length);
    Cell c = cs[slot];
    if (c == null) {
      Cell mine = new Cell(me);
      if (SLOTS.compareAndSet(cs, slot, null, mine)) {
        return mine;
      }
      c = cs[slot];
    }
    Thread owner = c.owner;
    if (owner == me) {
      return c;
    }
    // isAlive() makes the dead owner's last writes visible to us before we continue its counts.
    if (owner.getState() == Thread.State.TERMINATED && !owner.isAlive() && c.takeOver(owner, me)) {
      return c;
    }
    return null;
  }

  private Cell sharedCell() {
    Cell[] ss = shared;
    if (ss == null) {
      Cell[] fresh = new Cell[SHARED_CELLS];
      for (int i = 0; i < fresh.length; i++) {
        fresh[i] = new Cell(null);
      }
      ss = SHARED.compareAndSet(this, null, fresh) ? fresh : shared;
    }
    long id = Thread.currentThread().getId();
    return ss[(int) ((id ^ (id >>> 6)) & (SHARED_CELLS - 1))];
  }

  private static int slot(Thread thread, int length) {
    return (int) thread.getId() & (length - 1);
  }
}
