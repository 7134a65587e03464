package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One stripe of {@link Counters}. Its owner updates it with opaque writes and no atomic
 * instruction; the shared cell (no owner) is updated with atomic adds. Padded on both sides so
 * that cells of different threads never share a cache line.
 */
final class Cell extends CellFields {
  static final VarHandle SUCCESSES = handle("successes");
  static final VarHandle FAILURES = handle("failures");
  static final VarHandle TIMEOUTS = handle("timeouts");
  static final VarHandle REJECTIONS = handle("rejections");
  static final VarHandle IGNORED = handle("ignored");
  static final VarHandle SLOW = handle("slow");
  static final VarHandle DURATION = handle("durationNanos");

  @SuppressWarnings("unused")
  private long q0, q1, q2, q3, q4, q5, q6, q7;

  Cell(Thread owner) {
    super(owner);
  }

  private static VarHandle handle(String field) {
    try {
      return MethodHandles.lookup().findVarHandle(CellFields.class, field, long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  long get(VarHandle field) {
    return (long) field.getOpaque(this);
  }

  // Owner-only updates: plain read of our own last write, opaque write for readers.

  void addSuccess(long nanos, boolean slow) {
    SUCCESSES.setOpaque(this, successes + 1);
    DURATION.setOpaque(this, durationNanos + nanos);
    if (slow) {
      SLOW.setOpaque(this, this.slow + 1);
    }
  }

  void addFailure(long nanos, boolean timeout, boolean slow) {
    FAILURES.setOpaque(this, failures + 1);
    DURATION.setOpaque(this, durationNanos + nanos);
    if (timeout) {
      TIMEOUTS.setOpaque(this, timeouts + 1);
    }
    if (slow) {
      SLOW.setOpaque(this, this.slow + 1);
    }
  }

  void add(VarHandle field) {
    field.setOpaque(this, (long) field.getOpaque(this) + 1);
  }

  // Shared-cell updates, from any thread.

  void addSuccessAtomically(long nanos, boolean slow) {
    SUCCESSES.getAndAdd(this, 1L);
    DURATION.getAndAdd(this, nanos);
    if (slow) {
      SLOW.getAndAdd(this, 1L);
    }
  }

  void addFailureAtomically(long nanos, boolean timeout, boolean slow) {
    FAILURES.getAndAdd(this, 1L);
    DURATION.getAndAdd(this, nanos);
    if (timeout) {
      TIMEOUTS.getAndAdd(this, 1L);
    }
    if (slow) {
      SLOW.getAndAdd(this, 1L);
    }
  }

  void addAtomically(VarHandle field) {
    field.getAndAdd(this, 1L);
  }
}

/** The counters of one cell. */
abstract class CellFields extends ThreadSlot {
  long successes;
  long failures;
  long timeouts;
  long rejections;
  long ignored;
  long slow;
  long durationNanos;

  CellFields(Thread owner) {
    super(owner);
  }
}
