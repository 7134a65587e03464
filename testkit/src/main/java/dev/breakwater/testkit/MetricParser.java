package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Metric API payload, {@code [{"common":{...},"metrics":[...]}, ...]}, into flattened
 * {@link ReceivedMetric}s, refusing the whole payload at the first structural error, as the
 * Metric API answers 400 for those. Stateless and thread-safe.
 */
final class MetricParser {
  static final int MAX_NAME_LENGTH = 255;
  private static final Set<String> TYPES = Set.of("gauge", "count", "summary");
  private static final List<String> SUMMARY_FIELDS = List.of("count", "sum", "min", "max");

  private MetricParser() {}

  /**
   * Parses a payload.
   *
   * @param nowMillis the timestamp for metrics that carry none, nor have one in {@code common}
   * @throws BadRequest naming the first offending field, for example
   *     {@code "[0].metrics[2].interval.ms is required for a count"}
   */
  static List<ReceivedMetric> parse(JsonNode root, long nowMillis) throws BadRequest {
    if (!root.isArray()) {
      throw new BadRequest("the body must be a JSON array, was " + root.getNodeType());
    }
    List<ReceivedMetric> metrics = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      String where = "[" + i + "]";
      JsonNode block = object(root.get(i), where);
      JsonNode common = block.has("common") ? object(block.get("common"), where + ".common")
          : Json.object();
      Long timestamp = integer(common, "timestamp", where + ".common");
      Long interval = integer(common, "interval.ms", where + ".common");
      Map<String, Object> attributes = attributes(common, where + ".common");
      JsonNode list = block.get("metrics");
      if (list == null || !list.isArray()) {
        throw new BadRequest(where + ".metrics must be an array");
      }
      for (int j = 0; j < list.size(); j++) {
        metrics.add(metric(list.get(j), where + ".metrics[" + j + "]", timestamp, interval,
            attributes, nowMillis));
      }
    }
    return metrics;
  }

  private static ReceivedMetric metric(JsonNode node, String where, Long commonTimestamp,
      Long commonInterval, Map<String, Object> commonAttributes, long nowMillis)
      throws BadRequest {
    JsonNode metric = object(node, where);
    JsonNode name = metric.get("name");
    if (name == null || !name.isTextual() || name.asText().isEmpty()
        || name.asText().length() > MAX_NAME_LENGTH) {
      throw new BadRequest(where + ".name must be a string of 1.." + MAX_NAME_LENGTH
          + " characters");
    }
    JsonNode typeNode = metric.get("type");
    String type = typeNode == null ? "gauge" : typeNode.asText();
    if (typeNode != null && (!typeNode.isTextual() || !TYPES.contains(type))) {
      throw new BadRequest(where + ".type must be gauge, count or summary, was " + typeNode);
    }
    JsonNode value = metric.get("value");
    checkValue(value, type, where + ".value");
    Long timestamp = integer(metric, "timestamp", where);
    Long interval = integer(metric, "interval.ms", where);
    interval = interval != null ? interval : commonInterval;
    if (interval == null && !type.equals("gauge")) {
      throw new BadRequest(where + ".interval.ms is required for a " + type);
    }
    Map<String, Object> merged = new LinkedHashMap<>(commonAttributes);
    merged.putAll(attributes(metric, where));
    long time = timestamp != null ? timestamp : commonTimestamp != null ? commonTimestamp
        : nowMillis;
    return new ReceivedMetric(name.asText(), type, value, time, interval, merged);
  }

  private static void checkValue(JsonNode value, String type, String where) throws BadRequest {
    if (value == null) {
      throw new BadRequest(where + " is required");
    }
    if (!type.equals("summary")) {
      if (!value.isNumber()) {
        throw new BadRequest(where + " must be a number for a " + type + ", was " + value);
      }
      return;
    }
    if (!value.isObject()) {
      throw new BadRequest(where + " must be an object {count, sum, min, max} for a summary");
    }
    for (String field : SUMMARY_FIELDS) {
      if (!value.path(field).isNumber()) {
        throw new BadRequest(where + "." + field + " must be a number");
      }
    }
  }

  private static JsonNode object(JsonNode node, String where) throws BadRequest {
    if (node == null || !node.isObject()) {
      throw new BadRequest(where + " must be a JSON object");
    }
    return node;
  }

  private static Long integer(JsonNode parent, String field, String where) throws BadRequest {
    JsonNode node = parent.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
      throw new BadRequest(where + "." + field + " must be a non-negative integer, was " + node);
    }
    return node.longValue();
  }

  private static Map<String, Object> attributes(JsonNode parent, String where) throws BadRequest {
    JsonNode node = parent.get("attributes");
    if (node == null) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new BadRequest(where + ".attributes must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> attribute : node.properties()) {
      JsonNode v = attribute.getValue();
      if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
        throw new BadRequest(where + ".attributes." + attribute.getKey()
            + " must be a string, number or boolean");
      }
    }
    return Json.toMap(node);
  }
}
