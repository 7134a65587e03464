package dev.breakwater.simulator;

import java.util.Arrays;

/**
 * The calls of a workload in start order, as parallel primitive arrays: start offset and duration
 * in nanoseconds, and an outcome byte. The low bits of the outcome byte say what the dependency
 * answered ({@link #SUCCESS}, {@link #FAILURE}, {@link #TIMEOUT}, {@link #IGNORED}); the
 * {@link #FILLED} bit marks a call the original breaker rejected, whose outcome was filled in by
 * {@link GapFiller} before the workload is published; from then on nothing writes the arrays, so
 * a workload can be replayed on many threads at once.
 */
final class Calls {
  static final byte SUCCESS = 0;
  static final byte FAILURE = 1;
  static final byte TIMEOUT = 2;
  /** An answer that says nothing about the dependency's health (the caller's mistake): released. */
  static final byte IGNORED = 3;
  static final byte OUTCOME_MASK = 0x0F;
  static final byte FILLED = 0x10;
  /** The most calls one workload may hold: about 17 bytes each in memory. */
  static final int MAX_CALLS = 50_000_000;

  final long[] starts;
  final long[] durations;
  final byte[] outcomes;
  final int size;

  private Calls(long[] starts, long[] durations, byte[] outcomes, int size) {
    this.starts = starts;
    this.durations = durations;
    this.outcomes = outcomes;
    this.size = size;
  }

  static boolean isFailure(byte outcome) {
    int o = outcome & OUTCOME_MASK;
    return o == FAILURE || o == TIMEOUT;
  }

  /** When the last call ends, in nanoseconds from the workload's start; 0 without calls. */
  long lastEnd() {
    long end = 0;
    for (int i = 0; i < size; i++) {
      end = Math.max(end, starts[i] + durations[i]);
    }
    return end;
  }

  static String outcomeName(byte outcome) {
    switch (outcome & OUTCOME_MASK) {
      case SUCCESS:
        return "success";
      case FAILURE:
        return "failure";
      case TIMEOUT:
        return "timeout";
      default:
        return "ignored";
    }
  }

  /** Collects calls in any order; {@link #build()} sorts them by start, stably. Not thread-safe. */
  static final class Builder {
    private long[] starts = new long[1024];
    private long[] durations = new long[1024];
    private byte[] outcomes = new byte[1024];
    private int size;

    void add(long startNanos, long durationNanos, byte outcome) {
      if (size == starts.length) {
        if (size >= MAX_CALLS) {
          throw new IllegalArgumentException("a workload holds at most " + MAX_CALLS + " calls");
        }
        int capacity = (int) Math.min(MAX_CALLS, size * 2L);
        starts = Arrays.copyOf(starts, capacity);
        durations = Arrays.copyOf(durations, capacity);
        outcomes = Arrays.copyOf(outcomes, capacity);
      }
      starts[size] = startNanos;
      durations[size] = durationNanos;
      outcomes[size] = outcome;
      size++;
    }

    int size() {
      return size;
    }

    Calls build() {
      long[] s = Arrays.copyOf(starts, size);
      long[] d = Arrays.copyOf(durations, size);
      byte[] o = Arrays.copyOf(outcomes, size);
      if (!sorted(s)) {
        int[] order = order(s);
        long[] s2 = new long[size];
        long[] d2 = new long[size];
        byte[] o2 = new byte[size];
        for (int i = 0; i < size; i++) {
          s2[i] = s[order[i]];
          d2[i] = d[order[i]];
          o2[i] = o[order[i]];
        }
        s = s2;
        d = d2;
        o = o2;
      }
      return new Calls(s, d, o, size);
    }

    private static boolean sorted(long[] s) {
      for (int i = 1; i < s.length; i++) {
        if (s[i] < s[i - 1]) {
          return false;
        }
      }
      return true;
    }

    /** Indices of {@code keys} in ascending order, equal keys in their original order (merge sort). */
    private static int[] order(long[] keys) {
      int n = keys.length;
      int[] a = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = i;
      }
      int[] b = new int[n];
      for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
          int mid = Math.min(lo + width, n);
          int hi = Math.min(lo + 2 * width, n);
          int i = lo;
          int j = mid;
          for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || keys[a[i]] <= keys[a[j]])) {
              b[k] = a[i++];
            } else {
              b[k] = a[j++];
            }
          }
        }
        int[] swap = a;
        a = b;
        b = swap;
      }
      return a;
    }
  }
}
