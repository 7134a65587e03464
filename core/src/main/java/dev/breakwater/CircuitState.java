package dev.breakwater;

/** The state of a circuit breaker. */
public enum CircuitState {
  /** Calls flow; consecutive failures (or a failure rate, if configured) open the circuit. */
  CLOSED,
  /** Calls are rejected until {@code retryDelay} has passed; then the circuit is half-open. */
  OPEN,
  /**
   * A limited number of trial calls ({@code halfOpenMaxCalls}) probe the service; enough successes
   * close the circuit, any recorded failure opens it again.
   */
  HALF_OPEN,
  /** Opened by hand with {@link CircuitBreaker#forceOpen()}: every call is rejected until reset. */
  FORCED_OPEN,
  /**
   * Switched off by hand with {@link CircuitBreaker#disable()}: every call is permitted and
   * counted, the state never changes until reset.
   */
  DISABLED
}
