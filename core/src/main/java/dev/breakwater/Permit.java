package dev.breakwater;

/**
 * Permission to make one call through a circuit breaker, from {@link CircuitBreaker#tryAcquire()}.
 * The call's duration runs from the moment the permit was granted. End it exactly once; a second
 * end throws {@link IllegalStateException} and changes nothing.
 *
 * <p>Thread-safe: the permit may be ended from any thread, for example in a future's callback.
 */
public interface Permit {

  /**
   * Records that the call succeeded.
   *
   * @throws IllegalStateException if the permit has already been ended
   */
  void onSuccess();

  /**
   * Records that the call ended with {@code error}, classified like an exception thrown through
   * {@link CircuitBreaker#execute}: ignored types count as ignored, types the {@code
   * recordFailure} predicate rejects count as successes, everything else as a failure. A {@link
   * CallTimeoutException} or {@link java.util.concurrent.TimeoutException} also counts as a
   * timeout.
   *
   * @param error what the call threw
   * @throws IllegalStateException if the permit has already been ended
   * @throws NullPointerException if {@code error} is null
   */
  void onFailure(Throwable error);

  /**
   * Ends the permit without an outcome (counted as ignored), for a call that was never made or
   * whose outcome says nothing about the dependency.
   *
   * @throws IllegalStateException if the permit has already been ended
   */
  void release();
}
