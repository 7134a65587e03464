package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A breaker's counters, striped by thread so that the success path needs no atomic instruction.
 * Each thread that records an outcome claims a {@link Cell} in a table of slots (its slot is its
 * thread id modulo the table size) and then updates that cell with plain, opaque writes: it is the
 * only writer. A slot whose owner has died is taken over, with its counts. A thread whose slot is
 * held by another live thread doubles the table, from 64 slots up to {@value #MAX_OWNED_CELLS}, so
 * a pool of a few hundred threads still gets a cell each; beyond that, it falls back to one of 8
 * shared cells (picked by thread id) updated with atomic adds, as a
 * {@link java.util.concurrent.atomic.LongAdder} would. Readers sum every cell, so their cost
 * grows with the number of threads that ever recorded here. Both tables are made on first use, so
 * an idle breaker pays for neither.
 *
 * <p>Growing copies every cell into the new table, and seals each empty slot of the old table
 * with a marker first, so a thread can never claim a slot in a table that is being replaced and
 * then count into a cell that the new table lacks.
 *
 * <p>Thread-safe. Sums read while outcomes are being recorded are not an atomic snapshot, but
 * each counter is exact once recording stops.
 */
final class Counters {
  /** Slots in a new table. */
  static final int INITIAL_CELLS = 64;
  /** The table stops growing at this many slots. */
  static final int MAX_OWNED_CELLS = 1024;
  /** Seals an empty slot of a table that is being replaced; owned by no thread. */
  private static final Cell MOVED = new Cell(null);
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
        if (c != null && c != MOVED) {
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

  /**
   * Claims this thread's slot if it is free or its owner has died, growing the table while the
   * slot is held by a live thread; null once the table is at its limit and the slot is taken.
   */
  private Cell claim(Thread me) {
    for (;;) {
      Cell[] cs = cells;
      if (cs == null) {
        CELLS.compareAndSet(this, null, new Cell[INITIAL_CELLS]);
        continue;
      }
      int slot = slot(me, cs.length);
      Cell c = (Cell) SLOTS.getVolatile(cs, slot);
      if (c == null) {
        Cell mine = new Cell(me);
        if (SLOTS.compareAndSet(cs, slot, null, mine)) {
          return mine; // a table being replaced has no empty slot left, so this one is current
        }
        continue;
      }
      if (c == MOVED) {
        Thread.onSpinWait(); // the table is being replaced: retry in the new one
        continue;
      }
      Thread owner = c.owner;
      if (owner == me) {
        return c;
      }
      if (ThreadSlot.hasDied(owner)) {
        if (c.changeOwner(owner, me)) {
          return c;
        }
        continue;
      }
      if (cs.length >= MAX_OWNED_CELLS) {
        return null;
      }
      grow(cs);
    }
  }

  /**
   * Replaces {@code old} with a table twice its size holding the same cells. Its empty slots are
   * sealed first, so no cell can be added to it while it is copied; cells in it move to the slot
   * their owner's id gives in the new table, which no other cell of it can want.
   */
  private void grow(Cell[] old) {
    if (cells != old) {
      return;
    }
    Cell[] bigger = new Cell[old.length * 2];
    for (int i = 0; i < old.length; i++) {
      Cell c;
      while ((c = (Cell) SLOTS.getVolatile(old, i)) == null && !SLOTS.compareAndSet(old, i, null, MOVED)) {
        Thread.onSpinWait();
      }
      if (c == MOVED) {
        return; // another thread is growing this table
      }
      if (c != null) {
        // Slot i of the old table becomes slot i or i + old.length, as its owner's id says; no
        // other old slot can land there, so no cell overwrites another, even if its owner
        // changed (a takeover) and no longer matches the slot.
        bigger[i | ((int) c.owner.getId() & old.length)] = c;
      }
    }
    CELLS.compareAndSet(this, old, bigger);
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

  /** For tests: the cells owned by a thread (live or dead) in the current table. */
  int ownedCells() {
    Cell[] cs = cells;
    int n = 0;
    if (cs != null) {
      for (Cell c : cs) {
        if (c != null && c != MOVED) {
          n++;
        }
      }
    }
    return n;
  }

  /** For tests: whether any thread ever had to use the shared atomic cells. */
  boolean sharedCellsInUse() {
    return shared != null;
  }

  private static int slot(Thread thread, int length) {
    return (int) thread.getId() & (length - 1);
  }
}
