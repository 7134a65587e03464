package dev.breakwater;

/**
 * Thrown (or used to complete a future) when a circuit breaker refuses a call: the circuit is
 * open, forced open, or half-open with all trial slots taken. It carries no stack trace, so a
 * rejection stays cheap while the circuit sheds load.
 */
public final class CallNotPermittedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The name of the breaker that refused the call. */
  private final String breakerName;
  /** The state the breaker refused the call in. */
  private final CircuitState state;

  /**
   * Creates the exception. Breakers throw it themselves; integrations that use
   * {@link CircuitBreaker#tryAcquire()} create it to report a refused call the same way.
   *
   * @param breakerName the breaker that refused the call
   * @param state the state it refused the call in
   */
  public CallNotPermittedException(String breakerName, CircuitState state) {
    super(message(breakerName, state), null, true, false); // suppression on: fallbacks attach causes
    this.breakerName = breakerName;
    this.state = state;
  }

  private static String message(String breakerName, CircuitState state) {
    if (state == CircuitState.HALF_OPEN) {
      return "CircuitBreaker '" + breakerName + "' is HALF_OPEN and all trial calls are in flight";
    }
    return "CircuitBreaker '" + breakerName + "' is " + state + " and does not permit calls";
  }

  /**
   * Returns the name of the breaker that refused the call.
   *
   * @return the breaker's name
   */
  public String breakerName() {
    return breakerName;
  }

  /**
   * Returns the state the breaker was in when it refused the call.
   *
   * @return the state the call was refused in
   */
  public CircuitState state() {
    return state;
  }
}
