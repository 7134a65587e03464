package dev.breakwater;

/**
 * Permission to make one call through a circuit breaker, from {@link CircuitBreaker#tryAcquire()}.
 * The call's duration runs from the moment the permit was granted. End it exactly once; a second
 * end throws {@link IllegalStateException} and changes nothing.
 *
 * <p>Thread-safe: the permit may be ended from any thread, for example in a future's callback.
 *
 * <p>End the permit on every path, including unexpected exceptions and {@link Error}s:
 *
 * <pre>{@code
 * Optional<Permit> maybe = breaker.tryAcquire();
 * if (maybe.isEmpty()) {
 *   return cachedAnswer();
 * }
 * Permit permit = maybe.get();
 * boolean ended = false;
 * try {
 *   Response response = client.send(request);
 *   permit.onResult(response);
 *   ended = true;
 *   return response;
 * } catch (IOException e) {
 *   permit.onFailure(e);
 *   ended = true;
 *   throw e;
 * } finally {
 *   if (!ended) {
 *     permit.release(); // something unexpected: give the slot back without a verdict
 *   }
 * }
 * }</pre>
 */
public interface Permit {

  /**
   * Records that the call succeeded.
   *
   * @throws IllegalStateException if the permit has already been ended
   */
  void onSuccess();

  /**
   * Records that the call returned {@code result}: a success, or a failure (with a
   * {@link FailedResultException} as its error) if the config's {@code recordResult} predicate
   * counts the value as one.
   *
   * @param result what the call returned; may be null
   * @throws IllegalStateException if the permit has already been ended
   */
  void onResult(Object result);

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
