package dev.breakwater.micrometer;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CircuitState;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * The values the meters of one breaker read, each computed from the breaker's public
 * {@link CircuitBreaker#state()} or {@link CircuitBreaker#stats()} at the moment a registry reads
 * it, so recording a call does no metric work at all.
 *
 * <p>Two readings are derived from more than one counter, and a snapshot taken while calls are
 * being recorded may catch one counter before the other; those two never go below a value they
 * have reported, so registries that compute deltas never see a counter go backwards. Every other
 * reading is a single lifetime counter, which only grows.
 *
 * <p>Thread-safe.
 */
final class BreakerReadings {
  private final CircuitBreaker breaker;
  private final LongAccumulator failedHighWater = new LongAccumulator(Math::max, 0);
  private final DoubleAccumulator durationHighWater = new DoubleAccumulator(Math::max, 0);

  BreakerReadings(CircuitBreaker breaker) {
    this.breaker = breaker;
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  /** 1 if the breaker is in {@code state} now, else 0. */
  double isIn(CircuitState state) {
    return breaker.state() == state ? 1.0 : 0.0;
  }

  double successful() {
    return breaker.stats().totalSuccesses();
  }

  /**
   * Failures that were not timeouts, so that successful + failed + ignored + timeout counts every
   * completed call exactly once.
   */
  double failed() {
    CircuitBreakerStats stats = breaker.stats();
    failedHighWater.accumulate(stats.totalFailures() - stats.totalTimeouts());
    return failedHighWater.get();
  }

  double ignored() {
    return breaker.stats().totalIgnored();
  }

  double timeouts() {
    return breaker.stats().totalTimeouts();
  }

  double notPermitted() {
    return breaker.stats().totalRejections();
  }

  /** The window's failure rate in percent; NaN while the window holds under minimumCalls. */
  double failureRate() {
    CircuitBreakerStats stats = breaker.stats();
    return enoughCalls(stats) ? stats.windowFailureRate() : Double.NaN;
  }

  /** The window's slow-call rate in percent; NaN while the window holds under minimumCalls. */
  double slowCallRate() {
    CircuitBreakerStats stats = breaker.stats();
    return enoughCalls(stats) ? stats.windowSlowCallRate() : Double.NaN;
  }

  double windowCalls() {
    return breaker.stats().windowCalls();
  }

  double windowSlowCalls() {
    return breaker.stats().windowSlowCalls();
  }

  /** Successes and failures: the calls whose duration the breaker measured. */
  long completedCalls() {
    CircuitBreakerStats stats = breaker.stats();
    return stats.totalSuccesses() + stats.totalFailures();
  }

  /**
   * The total duration of {@link #completedCalls()} in nanoseconds: the breaker's mean times the
   * count of the same snapshot, so total ÷ count is exactly the breaker's mean.
   */
  double totalDurationNanos() {
    CircuitBreakerStats stats = breaker.stats();
    long count = stats.totalSuccesses() + stats.totalFailures();
    durationHighWater.accumulate((double) stats.averageResponseTime().toNanos() * count);
    return durationHighWater.get();
  }

  private boolean enoughCalls(CircuitBreakerStats stats) {
    return stats.windowCalls() >= breaker.config().minimumCalls();
  }
}
