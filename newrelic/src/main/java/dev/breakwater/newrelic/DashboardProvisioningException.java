package dev.breakwater.newrelic;

import java.util.List;
import java.util.stream.Collectors;

/** NerdGraph refused a dashboard mutation with typed errors (e.g. INVALID_INPUT). */
public final class DashboardProvisioningException extends NewRelicException {
  private static final long serialVersionUID = 1L;

  /**
   * One typed error of a dashboard mutation.
   *
   * @param type the error type, e.g. INVALID_INPUT or FORBIDDEN_OPERATION
   * @param description New Relic's description of the problem
   */
  public record Error(String type, String description) {}

  private final transient List<Error> errors;

  DashboardProvisioningException(String mutation, List<Error> errors) {
    super(mutation + " failed: " + errors.stream().map(e -> e.type() + ": " + e.description())
        .collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  /**
   * The typed errors, in the order NerdGraph returned them.
   *
   * @return the errors; empty if they were lost in serialization
   */
  public List<Error> errors() {
    return errors == null ? List.of() : errors;
  }
}
