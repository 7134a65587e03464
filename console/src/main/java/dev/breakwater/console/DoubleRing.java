package dev.breakwater.console;

import java.util.Arrays;

/**
 * The last {@code capacity} values of one series (a breaker's call rate, failure rate or mean
 * latency per sampling interval), oldest dropped first. {@code NaN} marks an interval without data.
 *
 * <p>Not thread-safe; the {@link Feed}'s lock guards it.
 */
final class DoubleRing {
  private final double[] values;
  private int next;
  private int size;

  DoubleRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.values = new double[capacity];
  }

  void add(double value) {
    values[next] = value;
    next = (next + 1) % values.length;
    size = Math.min(size + 1, values.length);
  }

  int size() {
    return size;
  }

  /** Returns the newest value, or {@code NaN} if there is none. */
  double last() {
    return size == 0 ? Double.NaN : values[(next - 1 + values.length) % values.length];
  }

  /** Returns the values, oldest first. */
  double[] toArray() {
    double[] copy = new double[size];
    int start = (next - size + values.length) % values.length;
    int firstPart = Math.min(size, values.length - start);
    System.arraycopy(values, start, copy, 0, firstPart);
    System.arraycopy(values, 0, copy, firstPart, size - firstPart);
    return copy;
  }

  @Override
  public String toString() {
    return Arrays.toString(toArray());
  }
}
