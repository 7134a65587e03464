package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response the fake will send: status, JSON body and extra headers. Immutable and thread-safe.
 */
record Reply(int status, byte[] body, Map<String, String> headers) {

  static Reply json(int status, JsonNode body) {
    return new Reply(status, Json.bytes(body), Map.of());
  }

  Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, body, Map.copyOf(copy));
  }
}
