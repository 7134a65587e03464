package dev.breakwater;

import static dev.breakwater.Calls.fail;
import static dev.breakwater.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lifetime statistics: the seed's fields, done right. */
class StatsTest {
  private final TestTicker ticker = new TestTicker();
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("stats")
      .failureThreshold(2).timeout(Duration.ZERO).ticker(ticker).build());

  @Test
  void emptyBreakerHasZeroRatesAndNoMean() {
    CircuitBreakerStats s = breaker.stats();
    assertThat(s.totalCalls()).isZero();
    assertThat(s.failureRate()).isZero();
    assertThat(s.successRate()).isZero();
    assertThat(s.averageResponseTime()).isEqualTo(Duration.ZERO);
    assertThat(s.lastError()).isEmpty();
    assertThat(s.breakerName()).isEqualTo("stats");
  }

  @Test
  void totalCallsIsEveryFinishedAttempt() throws Exception {
    succeed(breaker);
    fail(breaker);
    breaker.tryAcquire().orElseThrow().release();
    breaker.forceOpen();
    fail(breaker);
    CircuitBreakerStats s = breaker.stats();
    assertThat(s.totalCalls())
        .isEqualTo(s.totalSuccesses() + s.totalFailures() + s.totalRejections() + s.totalIgnored())
        .isEqualTo(4);
  }

  @Test
  void lastErrorNamesTheTypeAndMessage() {
    fail(breaker);
    assertThat(breaker.stats().lastError()).contains("dev.breakwater.Calls$Boom: boom");
  }

  @Test
  void statsAreAnImmutableSnapshot() throws Exception {
    CircuitBreakerStats before = breaker.stats();
    succeed(breaker);
    assertThat(before.totalSuccesses()).isZero();
    assertThat(breaker.stats().totalSuccesses()).isEqualTo(1);
  }
}
