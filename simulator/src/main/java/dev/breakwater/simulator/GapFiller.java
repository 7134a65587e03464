package dev.breakwater.simulator;

/**
 * Fills in the calls a recording breaker rejected (trace lines marked {@code rejected}): the
 * dependency never saw them, so their outcome is unknown, but a candidate that would have let
 * them through needs one. Each takes the outcome and duration of the nearest recorded call by
 * start time, the earlier one on a tie: during an outage that is the failure that opened the
 * circuit or a failed trial call, after it the first trial that succeeded. A trace without any
 * recorded call keeps the placeholders as written. Stateless.
 */
final class GapFiller {
  private GapFiller() {}

  /** Fills {@code calls} in place, before the workload is published, and returns it. */
  static Calls fill(Calls calls) {
    int n = calls.size;
    int[] previous = new int[n];
    int last = -1;
    for (int i = 0; i < n; i++) {
      if ((calls.outcomes[i] & Calls.FILLED) == 0) {
        last = i;
      }
      previous[i] = last;
    }
    int next = -1;
    for (int i = n - 1; i >= 0; i--) {
      if ((calls.outcomes[i] & Calls.FILLED) == 0) {
        next = i;
        continue;
      }
      int p = previous[i];
      int source;
      if (p < 0) {
        source = next;
      } else if (next < 0) {
        source = p;
      } else {
        long before = calls.starts[i] - calls.starts[p];
        long after = calls.starts[next] - calls.starts[i];
        source = after < before ? next : p;
      }
      if (source >= 0) {
        calls.outcomes[i] = (byte) ((calls.outcomes[source] & Calls.OUTCOME_MASK) | Calls.FILLED);
        calls.durations[i] = calls.durations[source];
      }
    }
    return calls;
  }
}
