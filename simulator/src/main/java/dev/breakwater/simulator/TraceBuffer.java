package dev.breakwater.simulator;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded buffer between the threads that make calls and the {@link TraceRecorder}'s writer:
 * a ring of slots after Vyukov's bounded queue, each slot's sequence number saying whether it is
 * free to write or ready to read. A slot is four longs in one array (sequence, offset, duration,
 * kind), so writing an entry touches one cache line, which the writer then reads: recording a
 * call takes one compare-and-set and allocates nothing. Error texts go to a side array, for
 * failures only. When the ring is full the call is counted as dropped, never waited for.
 * Thread-safe for any number of producers and one consumer.
 */
final class TraceBuffer {
  private static final int STRIDE = 4;
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

  private final int mask;
  private final long[] slots;
  private final String[] errors;
  private final AtomicLong tail = new AtomicLong();
  private final LongAdder dropped = new LongAdder();
  private long head; // the consumer's only

  /** What the consumer does with each entry. */
  interface Sink {
    void accept(long offsetNanos, long durationNanos, byte kind, String error);
  }

  TraceBuffer(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
    mask = size - 1;
    slots = new long[size * STRIDE];
    errors = new String[size];
    for (int i = 0; i < size; i++) {
      slots[i * STRIDE] = i;
    }
  }

  int capacity() {
    return mask + 1;
  }

  /**
   * Adds an entry, or counts it as dropped if the buffer is full; never blocks. {@code error} is
   * kept only when it is not null, so pass null where there is none.
   */
  boolean offer(long offsetNanos, long durationNanos, byte kind, String error) {
    long position = tail.get();
    for (;;) {
      int i = (int) (position & mask);
      int at = i * STRIDE;
      long difference = (long) SLOTS.getAcquire(slots, at) - position;
      if (difference == 0) {
        if (tail.compareAndSet(position, position + 1)) {
          slots[at + 1] = offsetNanos;
          slots[at + 2] = durationNanos;
          slots[at + 3] = kind;
          if (error != null) {
            errors[i] = error;
          }
          SLOTS.setRelease(slots, at, position + 1); // publishes the entry to the consumer
          return true;
        }
        position = tail.get();
      } else if (difference < 0) {
        dropped.increment();
        return false;
      } else {
        position = tail.get();
      }
    }
  }

  /**
   * Hands every entry that is ready to {@code sink}, in order; returns how many. Consumer only.
   * An entry's error is the one given with it, or, when none was, whatever an earlier entry in
   * the slot left: the sink reads errors of failures only.
   */
  int drain(Sink sink) {
    int count = 0;
    for (;;) {
      int i = (int) (head & mask);
      int at = i * STRIDE;
      if ((long) SLOTS.getAcquire(slots, at) != head + 1) {
        return count;
      }
      sink.accept(slots[at + 1], slots[at + 2], (byte) slots[at + 3], errors[i]);
      SLOTS.setRelease(slots, at, head + mask + 1); // frees the slot for the lap after this one
      head++;
      count++;
    }
  }

  long dropped() {
    return dropped.sum();
  }
}
