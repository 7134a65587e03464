package dev.breakwater.simulator;

import dev.breakwater.Permit;
import java.util.Arrays;

/**
 * The calls in flight during a replay, ordered by when they end (then by start order, so equal
 * end times resolve the same way every run): a binary min-heap over parallel arrays, so queuing
 * a call allocates nothing once the arrays have grown to the peak concurrency. Not thread-safe.
 */
final class EndQueue {
  private long[] ends = new long[64];
  private int[] calls = new int[64];
  private byte[] outcomes = new byte[64];
  private Permit[] permits = new Permit[64];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  long firstEnd() {
    return ends[0];
  }

  byte firstOutcome() {
    return outcomes[0];
  }

  Permit firstPermit() {
    return permits[0];
  }

  void add(long end, int call, byte outcome, Permit permit) {
    if (size == ends.length) {
      int capacity = size * 2;
      ends = Arrays.copyOf(ends, capacity);
      calls = Arrays.copyOf(calls, capacity);
      outcomes = Arrays.copyOf(outcomes, capacity);
      permits = Arrays.copyOf(permits, capacity);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(end, call, ends[parent], calls[parent])) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, end, call, outcome, permit);
  }

  void removeFirst() {
    int last = --size;
    long end = ends[last];
    int call = calls[last];
    byte outcome = outcomes[last];
    Permit permit = permits[last];
    permits[last] = null;
    if (last == 0) {
      return;
    }
    int i = 0;
    for (;;) {
      int child = 2 * i + 1;
      if (child >= last) {
        break;
      }
      if (child + 1 < last && before(ends[child + 1], calls[child + 1], ends[child], calls[child])) {
        child++;
      }
      if (!before(ends[child], calls[child], end, call)) {
        break;
      }
      move(child, i);
      i = child;
    }
    set(i, end, call, outcome, permit);
  }

  private static boolean before(long endA, int callA, long endB, int callB) {
    return endA < endB || (endA == endB && callA < callB);
  }

  private void move(int from, int to) {
    ends[to] = ends[from];
    calls[to] = calls[from];
    outcomes[to] = outcomes[from];
    permits[to] = permits[from];
  }

  private void set(int i, long end, int call, byte outcome, Permit permit) {
    ends[i] = end;
    calls[i] = call;
    outcomes[i] = outcome;
    permits[i] = permit;
  }
}
