package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Builds NerdGraph response bodies: GraphQL errors in New Relic's shape
 * ({@code message}, {@code path}, {@code extensions.errorClass}) and reads variables. Stateless
 * and thread-safe.
 */
final class GraphQl {
  /** The class New Relic uses for bad arguments; clients treat it as the caller's mistake. */
  static final String INVALID_INPUT = "INVALID_INPUT";
  static final String VALIDATION_ERROR = "VALIDATION_ERROR";
  static final String FORBIDDEN = "FORBIDDEN";

  private GraphQl() {}

  /**
   * Returns {@code {"data": data, "errors": [error]}}; {@code data} is omitted when absent and
   * written as {@code null} when it is a JSON null.
   */
  static ObjectNode errorBody(Optional<JsonNode> data, String message, String errorClass,
      List<String> path) {
    ObjectNode body = Json.object();
    data.ifPresent(d -> body.set("data", d));
    ObjectNode error = body.putArray("errors").addObject().put("message", message);
    if (!path.isEmpty()) {
      ArrayNode p = error.putArray("path");
      path.forEach(p::add);
    }
    error.putObject("extensions").put("errorClass", errorClass);
    return body;
  }

  /** Returns {@code {"data": {...}}} with {@code value} at {@code path}. */
  static ObjectNode data(List<String> path, JsonNode value) {
    ObjectNode body = Json.object();
    body.set("data", nest(path, value));
    return body;
  }

  /** Returns nested objects along {@code path} with {@code value} at the end. */
  static ObjectNode nest(List<String> path, JsonNode value) {
    ObjectNode root = Json.object();
    ObjectNode node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      node = node.putObject(path.get(i));
    }
    node.set(path.get(path.size() - 1), value);
    return root;
  }

  /** The error for a variable the operation needs but did not get, in the right type. */
  static ObjectNode missingVariable(String name, String type, List<String> path) {
    return errorBody(Optional.empty(), "Variable $" + name + " of required type " + type
        + " was not provided or has the wrong type.", VALIDATION_ERROR, path);
  }

  /** Returns an integral variable, or empty if absent or not an integer. */
  static Optional<Long> longVariable(JsonNode variables, String name) {
    JsonNode node = variables.get(name);
    return node != null && node.isIntegralNumber() && node.canConvertToLong()
        ? Optional.of(node.longValue()) : Optional.empty();
  }

  /** Returns a string variable, or empty if absent or not a string. */
  static Optional<String> stringVariable(JsonNode variables, String name) {
    JsonNode node = variables.get(name);
    return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }
}
