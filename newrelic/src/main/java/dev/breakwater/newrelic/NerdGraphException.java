package dev.breakwater.newrelic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A NerdGraph request failed: a transport failure, an HTTP error, or a response whose
 * {@code errors} are not empty (then {@link #errors()} has them and {@link #partialData()} whatever
 * {@code data} came with them). {@link #isTransient()} tells a fault of the service (worth a retry,
 * counted by the breaker) from a problem with the request (not counted).
 */
public final class NerdGraphException extends NewRelicException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, or 0 if no response arrived. */
  private final int httpStatus;
  /** Whether the failure was the service's. */
  private final boolean transientFault;
  private final transient List<GraphQlError> errors;
  private final transient JsonNode partialData;

  NerdGraphException(String message, int httpStatus, boolean transientFault, List<GraphQlError> errors,
      JsonNode partialData, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.transientFault = transientFault;
    this.errors = List.copyOf(errors);
    this.partialData = partialData;
  }

  /**
   * The HTTP status, or 0 if no response arrived.
   *
   * @return the HTTP status, or 0
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Whether the failure was the service's (I/O, timeout, 5xx, 429, transient error class).
   *
   * @return true for a fault of the service, false for a problem with the request
   */
  public boolean isTransient() {
    return transientFault;
  }

  /**
   * The GraphQL errors of the response; empty for transport and HTTP failures.
   *
   * @return the errors, possibly empty
   */
  public List<GraphQlError> errors() {
    return errors == null ? List.of() : errors;
  }

  /**
   * The {@code data} that came with the errors, if any was not null.
   *
   * @return the partial data, or empty
   */
  public Optional<JsonNode> partialData() {
    return partialData == null || partialData.isNull() ? Optional.empty() : Optional.of(partialData);
  }
}
