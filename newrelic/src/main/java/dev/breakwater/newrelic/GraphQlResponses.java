package dev.breakwater.newrelic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading a GraphQL response's {@code errors} and saying what went wrong. Stateless. */
final class GraphQlResponses {
  /** NerdGraph's error classes that are the service's fault, not the query's. */
  private static final Set<String> TRANSIENT_CLASSES =
      Set.of("TIMEOUT", "INTERNAL_SERVER_ERROR", "SERVER_ERROR");

  private GraphQlResponses() {}

  static boolean anyTransient(List<GraphQlError> errors) {
    return errors.stream().anyMatch(e -> e.errorClass().map(TRANSIENT_CLASSES::contains).orElse(false));
  }

  static String describeHttp(int status, List<GraphQlError> errors) {
    String what = status == 200 ? "NerdGraph answered with a body that is not a GraphQL response"
        : status == 401 || status == 403 ? "NerdGraph refused the user key (HTTP " + status + ")"
        : "NerdGraph answered HTTP " + status;
    return errors.isEmpty() ? what : what + ": " + join(errors);
  }

  static String join(List<GraphQlError> errors) {
    StringBuilder s = new StringBuilder();
    for (GraphQlError e : errors) {
      s.append(s.length() == 0 ? "" : "; ").append(e);
    }
    return s.toString();
  }

  static List<GraphQlError> errors(JsonNode response) {
    JsonNode errors = response.get("errors");
    if (errors == null || !errors.isArray()) {
      return List.of();
    }
    List<GraphQlError> result = new ArrayList<>();
    for (JsonNode e : errors) {
      List<Object> path = new ArrayList<>();
      for (JsonNode p : e.path("path")) {
        path.add(p.isInt() ? (Object) p.intValue() : p.asText());
      }
      JsonNode errorClass = e.path("extensions").path("errorClass");
      result.add(new GraphQlError(e.path("message").asText(""), path,
          errorClass.isTextual() ? Optional.of(errorClass.asText()) : Optional.empty()));
    }
    return result;
  }
}
