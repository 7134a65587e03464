package dev.breakwater.newrelic;

/**
 * A failure talking to New Relic. Messages carry status codes, counts and request ids, never keys
 * and never payloads. Catch it (or one of its subclasses); only this library throws it.
 */
public abstract class NewRelicException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message and an optional cause.
   *
   * @param message what failed
   * @param cause the underlying failure, or null
   */
  NewRelicException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with a message.
   *
   * @param message what failed
   */
  NewRelicException(String message) {
    super(message);
  }
}
