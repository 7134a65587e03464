package dev.breakwater;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of a circuit breaker's statistics.
 *
 * <p>Lifetime totals count every call since the breaker was created ({@link
 * CircuitBreaker#reset()} keeps them). {@link #totalCalls()} counts every finished attempt,
 * rejected ones included, and always equals successes + failures + rejections + ignored.
 * {@link #failureRate()} and {@link #successRate()} are over recorded outcomes only (successes
 * and failures), so rejections and ignored calls never move them. Timeouts are failures, and
 * also counted in {@link #totalTimeouts()}.
 *
 * <p>The window figures cover the last {@code monitoringWindow} (in 20 buckets: the current,
 * partial bucket and the 19 before it) since the circuit last closed or was reset.
 *
 * @param breakerName the breaker's name
 * @param state the breaker's state when the snapshot was taken
 * @param totalSuccesses calls that succeeded
 * @param totalFailures calls that failed, timeouts included
 * @param totalTimeouts calls that timed out
 * @param totalRejections calls the breaker refused
 * @param totalIgnored calls whose outcome was ignored
 * @param averageResponseTime the mean duration of successes and failures; zero before any
 * @param lastError the last failure, as {@code Type: message}
 * @param windowCalls successes and failures in the window
 * @param windowFailures failures in the window
 * @param windowSlowCalls slow calls in the window (zero unless {@code slowCallDuration} is set)
 */
public record CircuitBreakerStats(
    String breakerName,
    CircuitState state,
    long totalSuccesses,
    long totalFailures,
    long totalTimeouts,
    long totalRejections,
    long totalIgnored,
    Duration averageResponseTime,
    Optional<String> lastError,
    long windowCalls,
    long windowFailures,
    long windowSlowCalls) {

  /**
   * Validates the snapshot's components.
   *
   * @param breakerName the breaker's name
   * @param state the breaker's state when the snapshot was taken
   * @param totalSuccesses calls that succeeded
   * @param totalFailures calls that failed, timeouts included
   * @param totalTimeouts calls that timed out
   * @param totalRejections calls the breaker refused
   * @param totalIgnored calls whose outcome was ignored
   * @param averageResponseTime the mean duration of successes and failures; zero before any
   * @param lastError the last failure, as {@code Type: message}
   * @param windowCalls successes and failures in the window
   * @param windowFailures failures in the window
   * @param windowSlowCalls slow calls in the window (zero unless {@code slowCallDuration} is set)
   */
  public CircuitBreakerStats {
    Objects.requireNonNull(breakerName, "breakerName");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(averageResponseTime, "averageResponseTime");
    Objects.requireNonNull(lastError, "lastError");
  }

  /**
   * Every finished attempt: successes + failures + rejections + ignored.
   *
   * @return the number of finished attempts
   */
  public long totalCalls() {
    return totalSuccesses + totalFailures + totalRejections + totalIgnored;
  }

  /**
   * Failures ÷ (successes + failures) × 100, over the lifetime; 0 before any outcome.
   *
   * @return the lifetime failure rate, in percent
   */
  public double failureRate() {
    return percent(totalFailures, totalSuccesses + totalFailures);
  }

  /**
   * Successes ÷ (successes + failures) × 100, over the lifetime; 0 before any outcome.
   *
   * @return the lifetime success rate, in percent
   */
  public double successRate() {
    return percent(totalSuccesses, totalSuccesses + totalFailures);
  }

  /**
   * Failures ÷ calls × 100 within the window; 0 when the window is empty.
   *
   * @return the window's failure rate, in percent
   */
  public double windowFailureRate() {
    return percent(windowFailures, windowCalls);
  }

  /**
   * Slow calls ÷ calls × 100 within the window; 0 when the window is empty.
   *
   * @return the window's slow-call rate, in percent
   */
  public double windowSlowCallRate() {
    return percent(windowSlowCalls, windowCalls);
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0.0 : part * 100.0 / whole;
  }
}
