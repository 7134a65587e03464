package dev.breakwater.simulator;

/**
 * The call counts of one replay, per phase: one flat array, {@link #FIELDS} counters per phase,
 * indexed {@code phase * FIELDS + field}. Not thread-safe: one replay, one thread.
 */
final class Tally {
  static final int CALLS = 0;
  static final int ADMITTED = 1;
  static final int REJECTED = 2;
  static final int SUCCESSFUL = 3;
  static final int FAILED_ADMITTED = 4;
  static final int TIMEOUTS = 5;
  static final int IGNORED = 6;
  static final int HEALTHY_REJECTED = 7;
  static final int TRIALS = 8;
  static final int FILLED = 9;
  static final int FIELDS = 10;

  final long[] counts;

  Tally(int phases) {
    counts = new long[phases * FIELDS];
  }

  long get(int phase, int field) {
    return counts[phase * FIELDS + field];
  }
}
