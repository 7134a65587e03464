package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;

/**
 * Error responses in each API's own shape, for both real refusals and scheduled faults.
 * Stateless and thread-safe.
 */
final class ErrorReplies {
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
      Map.entry(411, "Length Required"), Map.entry(413, "Payload Too Large"),
      Map.entry(415, "Unsupported Media Type"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

  private ErrorReplies() {}

  /** Returns an error response for {@code api} with the given status and message. */
  static Reply of(Api api, int status, String message) {
    return switch (api) {
      case EVENTS -> Reply.json(status, Json.object().put("success", false).put("error", message));
      case METRICS -> Reply.json(status, Json.object()
          .put("requestId", UUID.randomUUID().toString()).put("error", message));
      case NERDGRAPH -> status == 401 ? badApiKey() : Reply.json(status, graphQlErrors(message));
    };
  }

  /** Returns the response a scheduled {@code Fault.status} fault gives. */
  static Reply forStatus(Api api, int status) {
    if (status == 204 || status == 304) {
      return new Reply(status, new byte[0], Map.of());
    }
    String reason = REASONS.getOrDefault(status, "HTTP " + status);
    return of(api, status, reason + " (FakeNewRelic fault)");
  }

  /** NerdGraph's answer to a missing or wrong user key, verbatim. */
  static Reply badApiKey() {
    ObjectNode error = Json.object().put("message", "Bad API Key or no API Key provided");
    error.putObject("extensions").put("error_code", "BAD_API_KEY");
    ObjectNode body = Json.object();
    body.putArray("errors").add(error);
    return Reply.json(401, body);
  }

  /** Returns the 404 for a path none of the APIs serves. */
  static Reply notFound(String method, String path) {
    return Reply.json(404, Json.object().put("error", "FakeNewRelic has no endpoint " + method
        + " " + path + "; it serves /v1/accounts/{accountId}/events, /v1/accounts/events,"
        + " /metric/v1 and /graphql"));
  }

  private static ObjectNode graphQlErrors(String message) {
    ObjectNode body = Json.object();
    body.putArray("errors").addObject().put("message", message);
    return body;
  }
}
