package dev.breakwater;

import java.time.Duration;
import java.util.Optional;

/**
 * Something that happened in a circuit breaker, delivered to listeners registered with
 * {@link CircuitBreaker#onEvent}. The hierarchy is sealed, so a {@code switch} over it can be
 * exhaustive. Outcome events carry the state the call was permitted in.
 */
public sealed interface CircuitBreakerEvent {

  /**
   * Returns the name of the breaker the event happened in.
   *
   * @return the breaker's name
   */
  String breakerName();

  /** A call succeeded. */
  record Success(String breakerName, CircuitState state, Duration elapsed)
      implements CircuitBreakerEvent {}

  /** A call failed (timeouts are reported as {@link Timeout} instead). */
  record Failure(String breakerName, CircuitState state, Duration elapsed, Throwable error)
      implements CircuitBreakerEvent {}

  /** A call failed by exceeding its deadline; a timeout counts as a failure. */
  record Timeout(String breakerName, CircuitState state, Duration elapsed, Throwable error)
      implements CircuitBreakerEvent {}

  /**
   * A call ended in an ignored exception, or its permit was released without an outcome (then
   * {@code error} is empty).
   */
  record Ignored(String breakerName, CircuitState state, Duration elapsed, Optional<Throwable> error)
      implements CircuitBreakerEvent {}

  /** The breaker refused a call. */
  record Rejected(String breakerName, CircuitState state) implements CircuitBreakerEvent {}

  /**
   * The breaker changed state: opened, half-opened, closed, forced open or disabled.
   *
   * @param reason why, in words: "5 consecutive failures", "trial call failed", ...
   */
  record StateChanged(String breakerName, CircuitState from, CircuitState to, String reason)
      implements CircuitBreakerEvent {}

  /** The breaker was reset by hand. */
  record Reset(String breakerName) implements CircuitBreakerEvent {}
}
