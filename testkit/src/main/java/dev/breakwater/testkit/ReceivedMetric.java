package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One metric data point that the fake Metric API accepted, flattened: the payload's
 * {@code common} block is already applied. Immutable and thread-safe: {@link #value()} returns a
 * copy. A final class rather than a record for the reason given at {@link ReceivedRequest}.
 */
public final class ReceivedMetric {
  private final String name;
  private final String type;
  private final JsonNode value;
  private final long timestamp;
  private final Long intervalMs;
  private final Map<String, Object> attributes;

  ReceivedMetric(String name, String type, JsonNode value, long timestamp, Long intervalMs,
      Map<String, Object> attributes) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.value = Objects.requireNonNull(value, "value").deepCopy();
    this.timestamp = timestamp;
    this.intervalMs = intervalMs;
    this.attributes = Collections.unmodifiableMap(
        new LinkedHashMap<>(Objects.requireNonNull(attributes, "attributes")));
  }

  /**
   * Returns the metric name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the metric type.
   *
   * @return {@code "gauge"}, {@code "count"} or {@code "summary"}
   */
  public String type() {
    return type;
  }

  /**
   * Returns the metric's value: a number for gauges and counts; for summaries an object with
   * {@code count}, {@code sum}, {@code min} and {@code max}.
   *
   * @return a copy, free to modify
   */
  public JsonNode value() {
    return value.deepCopy();
  }

  /**
   * Returns the timestamp in epoch milliseconds (as sent), from the metric, else from
   * {@code common}, else the fake's clock when it arrived.
   *
   * @return the timestamp
   */
  public long timestamp() {
    return timestamp;
  }

  /**
   * Returns {@code interval.ms} from the metric, else from {@code common}.
   *
   * @return the interval, or null if neither has one (possible only for gauges)
   */
  public Long intervalMs() {
    return intervalMs;
  }

  /**
   * Returns the common attributes merged with the metric's own, the metric's winning.
   *
   * @return an unmodifiable map; values are String, Integer, Long, Double or Boolean
   */
  public Map<String, Object> attributes() {
    return attributes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReceivedMetric m && name.equals(m.name) && type.equals(m.type)
        && value.equals(m.value) && timestamp == m.timestamp && Objects.equals(intervalMs, m.intervalMs)
        && attributes.equals(m.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, value, timestamp, intervalMs, attributes);
  }

  @Override
  public String toString() {
    return "ReceivedMetric{" + name + " " + type + " " + value + " at " + timestamp
        + (intervalMs == null ? "" : " over " + intervalMs + " ms") + ", " + attributes + "}";
  }
}
