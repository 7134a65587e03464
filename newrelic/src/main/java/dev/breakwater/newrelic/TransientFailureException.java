package dev.breakwater.newrelic;

/**
 * A failure that is the dependency's, not the caller's: an I/O error, a timeout, or a status such
 * as 408, 429 or 5xx. These count against the circuit breaker. The message has the status and the
 * request id, never keys or payloads.
 */
public final class TransientFailureException extends NewRelicException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, or 0 when there was no answer. */
  private final int status;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param status the HTTP status, or 0 when there was no answer
   * @param cause the transport failure, or null
   */
  TransientFailureException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /**
   * The HTTP status, or 0 when there was no answer (I/O error or timeout).
   *
   * @return the HTTP status, or 0
   */
  public int status() {
    return status;
  }
}
