package dev.breakwater;

import java.time.Duration;

/**
 * Thrown (or used to complete a future) when a call protected by a circuit breaker did not finish
 * within the breaker's {@code timeout}. By then a synchronous call's thread has been interrupted
 * or an asynchronous call's future cancelled, and the breaker has counted the call as a failure
 * and a timeout. The cause, if any, is what the call threw when it was interrupted.
 */
public final class CallTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The name of the breaker that guarded the call. */
  private final String breakerName;
  /** The deadline the call exceeded. */
  private final Duration timeout;

  /**
   * Creates the exception for a call that outlived its deadline.
   *
   * @param breakerName the breaker that guarded the call
   * @param timeout the deadline the call exceeded
   * @param cause what the call threw after it was interrupted, or {@code null}
   */
  public CallTimeoutException(String breakerName, Duration timeout, Throwable cause) {
    super("call through CircuitBreaker '" + breakerName + "' timed out after " + timeout, cause);
    this.breakerName = breakerName;
    this.timeout = timeout;
  }

  /**
   * Returns the name of the breaker that guarded the call.
   *
   * @return the breaker's name
   */
  public String breakerName() {
    return breakerName;
  }

  /**
   * Returns the deadline the call exceeded.
   *
   * @return the breaker's timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
