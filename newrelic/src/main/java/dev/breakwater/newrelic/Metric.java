package dev.breakwater.newrelic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A dimensional metric for New Relic's Metric API: a gauge (a value at an instant), a count (an
 * amount over an interval) or a summary (count, sum, min and max over an interval), with
 * attributes. Checked against the Metric API's documented limits when made. Immutable.
 *
 * <pre>{@code
 * Metric.gauge("queue.depth", 42, System.currentTimeMillis(), Map.of("queue", "orders"));
 * }</pre>
 */
public final class Metric {
  /** The kind of metric. */
  public enum Type {
    /** A value at an instant. */
    GAUGE,
    /** An amount counted over an interval. */
    COUNT,
    /** The count, sum, minimum and maximum of measurements over an interval. */
    SUMMARY
  }

  static final int MAX_ATTRIBUTES = 100;
  private static final Set<String> RESERVED = Set.of("interval.ms", "timestamp", "value", "common",
      "min", "max", "count", "sum", "metrics");

  private final String name;
  private final Type type;
  private final double value;
  private final long count;
  private final double sum;
  private final double min;
  private final double max;
  private final long timestamp;
  private final long intervalMillis;
  private final Map<String, Object> attributes;

  private Metric(String name, Type type, double value, long count, double sum, double min, double max,
      long timestamp, long intervalMillis, Map<String, ?> attributes) {
    this.name = checkName(name);
    this.type = type;
    this.value = finite("value", value);
    this.count = count;
    this.sum = finite("sum", sum);
    this.min = finite("min", min);
    this.max = finite("max", max);
    this.timestamp = timestamp;
    this.intervalMillis = intervalMillis;
    this.attributes = checkAttributes(name, attributes);
  }

  /**
   * A value at an instant.
   *
   * @param name the metric's name
   * @param value the value
   * @param timestampMillis the instant, in epoch milliseconds
   * @param attributes the metric's attributes; strings, numbers or booleans
   * @return a new gauge
   * @throws IllegalArgumentException if the name, value or attributes break the Metric API's limits
   */
  public static Metric gauge(String name, double value, long timestampMillis, Map<String, ?> attributes) {
    return new Metric(name, Type.GAUGE, value, 0, 0, 0, 0, timestampMillis, 0, attributes);
  }

  /**
   * An amount counted over {@code interval}, starting at {@code startMillis}.
   *
   * @param name the metric's name
   * @param value the amount counted
   * @param startMillis the start of the interval, in epoch milliseconds
   * @param interval the length of the interval; positive
   * @param attributes the metric's attributes; strings, numbers or booleans
   * @return a new count
   * @throws IllegalArgumentException if the interval is not positive, or the name, value or
   *     attributes break the Metric API's limits
   */
  public static Metric count(String name, double value, long startMillis, Duration interval,
      Map<String, ?> attributes) {
    return new Metric(name, Type.COUNT, value, 0, 0, 0, 0, startMillis, interval(interval), attributes);
  }

  /**
   * A summary of {@code count} measurements over {@code interval}.
   *
   * @param name the metric's name
   * @param count the number of measurements
   * @param sum the sum of the measurements
   * @param min the smallest measurement
   * @param max the largest measurement
   * @param startMillis the start of the interval, in epoch milliseconds
   * @param interval the length of the interval; positive
   * @param attributes the metric's attributes; strings, numbers or booleans
   * @return a new summary
   * @throws IllegalArgumentException if {@code count} is negative, the interval is not positive,
   *     or the name, numbers or attributes break the Metric API's limits
   */
  public static Metric summary(String name, long count, double sum, double min, double max,
      long startMillis, Duration interval, Map<String, ?> attributes) {
    if (count < 0) {
      throw new IllegalArgumentException("summary count must be >= 0, was " + count);
    }
    return new Metric(name, Type.SUMMARY, 0, count, sum, min, max, startMillis, interval(interval), attributes);
  }

  /**
   * The metric's name.
   *
   * @return the metric's name
   */
  public String name() {
    return name;
  }

  /**
   * Gauge, count or summary.
   *
   * @return the metric's type
   */
  public Type type() {
    return type;
  }

  /**
   * The value of a gauge or count (0 for summaries).
   *
   * @return the value, or 0 for a summary
   */
  public double value() {
    return value;
  }

  /**
   * A summary's count of measurements (0 for the other types).
   *
   * @return the number of measurements, or 0
   */
  public long summaryCount() {
    return count;
  }

  /**
   * A summary's sum of measurements (0 for the other types).
   *
   * @return the sum of the measurements, or 0
   */
  public double summarySum() {
    return sum;
  }

  /**
   * A summary's smallest measurement (0 for the other types).
   *
   * @return the smallest measurement, or 0
   */
  public double summaryMin() {
    return min;
  }

  /**
   * A summary's largest measurement (0 for the other types).
   *
   * @return the largest measurement, or 0
   */
  public double summaryMax() {
    return max;
  }

  /**
   * The instant of a gauge, or the start of a count's or summary's interval, in epoch ms.
   *
   * @return the timestamp in epoch milliseconds
   */
  public long timestamp() {
    return timestamp;
  }

  /**
   * The interval of a count or summary in milliseconds; 0 for gauges.
   *
   * @return the interval in milliseconds, or 0 for a gauge
   */
  public long intervalMillis() {
    return intervalMillis;
  }

  /**
   * The metric's own attributes.
   *
   * @return the attributes; unmodifiable
   */
  public Map<String, Object> attributes() {
    return attributes;
  }

  private static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("metric name must not be blank");
    }
    if (name.length() > 255) {
      throw new IllegalArgumentException("metric name is longer than 255 characters");
    }
    return name;
  }

  private static double finite(String field, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("metric " + field + " must be a finite number, was " + v);
    }
    return v;
  }

  private static long interval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be > 0, was " + interval);
    }
    return interval.toMillis();
  }

  private static Map<String, Object> checkAttributes(String metric, Map<String, ?> attributes) {
    Objects.requireNonNull(attributes, "attributes");
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException("metric '" + metric + "' has " + attributes.size()
          + " attributes, more than " + MAX_ATTRIBUTES);
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : attributes.entrySet()) {
      String key = e.getKey();
      Object v = e.getValue();
      if (key == null || key.isEmpty() || key.length() > 255) {
        throw new IllegalArgumentException("metric '" + metric + "': attribute names must be 1 to 255 characters");
      }
      if (RESERVED.contains(key) || key.equals(metric)) {
        throw new IllegalArgumentException("metric '" + metric + "': attribute name '" + key + "' is reserved");
      }
      boolean nonFinite = (v instanceof Double || v instanceof Float) && !Double.isFinite(((Number) v).doubleValue());
      if (nonFinite || (v instanceof String ? ((String) v).length() > 4096
          : !(v instanceof Number || v instanceof Boolean))) {
        throw new IllegalArgumentException("metric '" + metric + "': attribute '" + key
            + "' must be a string of at most 4096 characters, a finite number or a boolean");
      }
      copy.put(key, v);
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Metric m && name.equals(m.name) && type == m.type && value == m.value
        && count == m.count && sum == m.sum && min == m.min && max == m.max && timestamp == m.timestamp
        && intervalMillis == m.intervalMillis && attributes.equals(m.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, value, timestamp, attributes);
  }

  @Override
  public String toString() {
    return type.name().toLowerCase(java.util.Locale.ROOT) + " " + name + "=" + (type == Type.SUMMARY
        ? "{count=" + count + ", sum=" + sum + ", min=" + min + ", max=" + max + "}" : value)
        + " " + attributes;
  }
}
