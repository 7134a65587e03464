package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One metric data point that the fake Metric API accepted, flattened: the payload's
 * {@code common} block is already applied. Immutable and thread-safe: {@link #value()} returns a
 * copy.
 *
 * @param name the metric name
 * @param type {@code "gauge"}, {@code "count"} or {@code "summary"}
 * @param value a number for gauges and counts; for summaries an object with {@code count},
 *     {@code sum}, {@code min} and {@code max}
 * @param timestamp epoch milliseconds (as sent), from the metric, else from {@code common}, else
 *     the fake's clock when it arrived
 * @param intervalMs {@code interval.ms} from the metric, else from {@code common}; null if
 *     neither has one (possible only for gauges)
 * @param attributes the common attributes merged with the metric's own, the metric's winning;
 *     values are String, Integer, Long, Double or Boolean
 */
public record ReceivedMetric(String name, String type, JsonNode value, long timestamp,
    Long intervalMs, Map<String, Object> attributes) {

  /**
   * Copies the value and attributes.
   *
   * @param name the {@link #name()} component
   * @param type the {@link #type()} component
   * @param value the {@link #value()} component
   * @param timestamp the {@link #timestamp()} component
   * @param intervalMs the {@link #intervalMs()} component
   * @param attributes the {@link #attributes()} component
   * @throws NullPointerException if an argument other than {@code intervalMs} is null
   */
  public ReceivedMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    value = Objects.requireNonNull(value, "value").deepCopy();
    attributes = Collections.unmodifiableMap(
        new LinkedHashMap<>(Objects.requireNonNull(attributes, "attributes")));
  }

  /**
   * Returns the metric's value.
   *
   * @return a copy, free to modify
   */
  @Override
  public JsonNode value() {
    return value.deepCopy();
  }
}
