package dev.breakwater;

/** A change in a {@link CircuitBreakerRegistry}'s set of breakers. */
public sealed interface RegistryEvent {

  /**
   * Returns the breaker that was added or removed.
   *
   * @return the breaker
   */
  CircuitBreaker breaker();

  /** A breaker was created in the registry. */
  record Added(CircuitBreaker breaker) implements RegistryEvent {}

  /**
   * A breaker's configuration was replaced with {@link CircuitBreakerRegistry#reconfigure}; it
   * keeps its state and counters.
   *
   * @param breaker the breaker, now running with {@code current}
   * @param previous the configuration it had before
   * @param current the configuration it has now
   */
  record Reconfigured(CircuitBreaker breaker, CircuitBreakerConfig previous,
      CircuitBreakerConfig current) implements RegistryEvent {}

  /** A breaker was removed from the registry. */
  record Removed(CircuitBreaker breaker) implements RegistryEvent {}
}
