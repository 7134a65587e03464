package dev.breakwater;

/**
 * The failure recorded for a call whose returned value
 * {@link CircuitBreakerConfig.Builder#recordResult recordResult} counts as a failure. It appears
 * as the error of the {@link CircuitBreakerEvent.Failure} event and in
 * {@link CircuitBreakerStats#lastError()}, and is the cause a
 * {@link Fallback#onFailure fallback on failure} receives. It is never thrown at a caller that has
 * no such fallback: that caller receives the value itself.
 *
 * <p>The message names the value's type only, never its contents, which may hold secrets.
 */
public final class FailedResultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Object result;

  FailedResultException(String breakerName, Object result) {
    super("CircuitBreaker '" + breakerName + "' recorded a "
        + (result == null ? "null result" : result.getClass().getName() + " result")
        + " as a failure", null, false, false);
    this.result = result;
  }

  /**
   * Returns the value the call returned.
   *
   * @return the value the call returned; may be null
   */
  public Object result() {
    return result;
  }
}
