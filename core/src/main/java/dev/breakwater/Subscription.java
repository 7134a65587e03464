package dev.breakwater;

/**
 * A listener's registration, from {@link CircuitBreaker#onEvent} or
 * {@link CircuitBreakerRegistry#onEvent}. Closing it unsubscribes the listener; closing it again
 * does nothing. Its {@code close()} throws no checked exception, so it fits try-with-resources
 * without a {@code catch (Exception e)}.
 *
 * <pre>{@code
 * try (Subscription s = breaker.onEvent(event -> log.info(event.toString()))) {
 *   breaker.call(() -> inventory.stockFor(sku));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface Subscription extends AutoCloseable {

  /** Unsubscribes the listener; the listener may still receive an event already being delivered. */
  @Override
  void close();
}
