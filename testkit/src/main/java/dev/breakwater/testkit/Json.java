package dev.breakwater.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fake's one JSON configuration: strict parsing (trailing tokens and duplicate keys are
 * errors, as a real API would reject them) and Jackson's natural Java values. Thread-safe: the
 * mapper is configured once and only used afterwards.
 */
final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  /**
   * Parses a document.
   *
   * @throws BadRequest if the bytes are not one JSON value
   */
  static JsonNode parse(byte[] bytes) throws BadRequest {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new BadRequest("the body is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BadRequest("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadRequest("the body is not valid JSON: " + e.getMessage());
    }
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Returns a JSON object's members as Jackson's natural Java values, in document order. */
  static Map<String, Object> toMap(JsonNode object) {
    return MAPPER.convertValue(object, MAP);
  }

  /** Returns a Java value (maps, lists, strings, numbers, booleans, null) as a tree. */
  static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a tree built in memory failed to serialize", e);
    }
  }
}
