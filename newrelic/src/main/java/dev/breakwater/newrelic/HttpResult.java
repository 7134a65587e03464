package dev.breakwater.newrelic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP answer: status, headers and the body, cut at the transport's bound if
 * {@code truncated}. Immutable.
 */
record HttpResult(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {

  Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }
}
