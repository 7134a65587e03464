package dev.breakwater.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the fault phases of a trace, which carries outcomes but no phases. The trace is cut into
 * one-second buckets by start time; a bucket is faulty when more than half of its calls failed or
 * timed out (ignored calls do not count; an empty bucket continues the bucket before it). A run
 * of faulty buckets is one fault, from the start of its first failed call to the start of the
 * first successful call after its last failed call (or the end of the trace). Stateless.
 */
final class FaultDetector {
  static final long BUCKET_NANOS = 1_000_000_000L;

  private FaultDetector() {}

  static List<Workload.Phase> phases(Calls calls) {
    long length = Math.max(calls.lastEnd(), calls.starts[calls.size - 1] + 1);
    List<long[]> faults = faults(calls, length);
    List<Workload.Phase> phases = new ArrayList<>();
    long at = 0;
    for (int k = 0; k < faults.size(); k++) {
      long[] f = faults.get(k);
      if (f[0] > at) {
        phases.add(phase(k == 0 ? "healthy" : "after fault " + k, at, f[0], false));
      }
      phases.add(phase("fault " + (k + 1), f[0], f[1], true));
      at = f[1];
    }
    if (at < length) {
      phases.add(phase(faults.isEmpty() ? "healthy" : "after fault " + faults.size(), at, length, false));
    }
    return phases;
  }

  private static Workload.Phase phase(String name, long start, long end, boolean fault) {
    return new Workload.Phase(name, Duration.ofNanos(start), Duration.ofNanos(end), fault);
  }

  /** The faults as {start, end} pairs in nanoseconds, in order, not overlapping. */
  private static List<long[]> faults(Calls calls, long length) {
    int n = calls.size;
    List<long[]> faults = new ArrayList<>();
    int i = 0;
    boolean faulty = false;
    int runFirstFailure = -1;
    int runLastFailure = -1;
    while (i < n) {
      long bucket = calls.starts[i] / BUCKET_NANOS;
      int counted = 0;
      int failed = 0;
      int firstFailure = -1;
      int lastFailure = -1;
      for (; i < n && calls.starts[i] / BUCKET_NANOS == bucket; i++) {
        byte o = calls.outcomes[i];
        if ((o & Calls.OUTCOME_MASK) == Calls.IGNORED) {
          continue;
        }
        counted++;
        if (Calls.isFailure(o)) {
          failed++;
          lastFailure = i;
          if (firstFailure < 0) {
            firstFailure = i;
          }
        }
      }
      if (counted > 0) {
        faulty = failed * 2 > counted;
      }
      if (faulty) {
        if (runFirstFailure < 0) {
          runFirstFailure = firstFailure;
        }
        if (lastFailure >= 0) {
          runLastFailure = lastFailure;
        }
      } else if (runFirstFailure >= 0) {
        faults.add(fault(calls, runFirstFailure, runLastFailure, length));
        runFirstFailure = -1;
      }
    }
    if (runFirstFailure >= 0) {
      faults.add(fault(calls, runFirstFailure, runLastFailure, length));
    }
    return faults;
  }

  private static long[] fault(Calls calls, int firstFailure, int lastFailure, long length) {
    long start = calls.starts[firstFailure];
    long end = length;
    for (int j = lastFailure + 1; j < calls.size; j++) {
      if ((calls.outcomes[j] & Calls.OUTCOME_MASK) == Calls.SUCCESS) {
        end = calls.starts[j];
        break;
      }
    }
    return new long[] {start, Math.max(end, start + 1)};
  }
}
