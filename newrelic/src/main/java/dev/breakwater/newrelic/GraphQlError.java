package dev.breakwater.newrelic;

import java.util.List;
import java.util.Optional;

/**
 * One entry of a GraphQL response's {@code errors}.
 *
 * @param message the error message
 * @param path where in the query it happened (field names and list indexes), possibly empty
 * @param errorClass NerdGraph's {@code extensions.errorClass} (e.g. TIMEOUT), if present
 */
public record GraphQlError(String message, List<Object> path, Optional<String> errorClass) {

  /**
   * Copies the path.
   *
   * @param message the error message
   * @param path where in the query it happened (field names and list indexes), possibly empty
   * @param errorClass NerdGraph's {@code extensions.errorClass} (e.g. TIMEOUT), if present
   */
  public GraphQlError {
    path = List.copyOf(path);
  }

  @Override
  public String toString() {
    return errorClass.map(c -> "[" + c + "] ").orElse("") + message
        + (path.isEmpty() ? "" : " at " + path);
  }
}
