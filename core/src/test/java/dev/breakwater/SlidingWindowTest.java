package dev.breakwater;

import static dev.breakwater.Calls.fail;
import static dev.breakwater.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The monitoringWindow drives windowed stats and the rate policies (seed flaw 4). */
class SlidingWindowTest {
  private final TestTicker ticker = new TestTicker();

  private CircuitBreaker breaker(CircuitBreakerConfig.Builder b) {
    return CircuitBreaker.of(b.ticker(ticker).timeout(Duration.ZERO)
        .monitoringWindow(Duration.ofSeconds(20)).build());
  }

  @Test
  void windowForgetsCallsOlderThanTheWindow() throws Exception {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("w").failureThreshold(100));
    fail(b);
    ticker.advance(Duration.ofSeconds(10));
    succeed(b);
    assertThat(b.stats().windowCalls()).isEqualTo(2);
    assertThat(b.stats().windowFailures()).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(11)); // the failure is now 21 s old
    CircuitBreakerStats s = b.stats();
    assertThat(s.windowCalls()).isEqualTo(1);
    assertThat(s.windowFailures()).isZero();
    assertThat(s.windowFailureRate()).isZero();
    ticker.advance(Duration.ofMinutes(5));
    assertThat(b.stats().windowCalls()).isZero();
    assertThat(b.stats().totalCalls()).isEqualTo(2);
  }

  @Test
  void failureRatePolicyOpensOnceMinimumCallsAreInTheWindow() throws Exception {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("rate").failureThreshold(100)
        .failureRateThreshold(50).minimumCalls(4));
    fail(b);
    succeed(b);
    fail(b); // 2 of 3: rate 66% but too few calls
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    succeed(b); // 2 of 4 = 50%, but the policy is checked on failures
    fail(b); // 3 of 5 = 60%
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void failuresOutsideTheWindowDoNotTripTheRatePolicy() throws Exception {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("rate").failureThreshold(100)
        .failureRateThreshold(50).minimumCalls(4));
    fail(b);
    fail(b);
    fail(b);
    ticker.advance(Duration.ofSeconds(30));
    succeed(b);
    succeed(b);
    succeed(b);
    fail(b); // 1 of 4 in the window
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void slowCallRatePolicyOpensOnSlowSuccessesToo() throws Exception {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("slow").failureThreshold(100)
        .slowCallDuration(Duration.ofMillis(100)).slowCallRateThreshold(50).minimumCalls(4));
    Calls.succeed(b, ticker, Duration.ofMillis(10));
    Calls.succeed(b, ticker, Duration.ofMillis(100));
    Calls.succeed(b, ticker, Duration.ofMillis(10));
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    Calls.succeed(b, ticker, Duration.ofMillis(250)); // 2 slow of 4
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    assertThat(b.stats().windowSlowCalls()).isEqualTo(2);
  }

  @Test
  void windowStartsEmptyAfterTheCircuitCloses() throws Exception {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("close").failureThreshold(3)
        .successThreshold(1).failureRateThreshold(50).minimumCalls(2));
    fail(b);
    fail(b); // rate policy opens at 2 calls, 100%
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advance(Duration.ofSeconds(5));
    succeed(b); // closes
    assertThat(b.stats().windowCalls()).isZero();
    fail(b); // 1 call in the new window: below minimumCalls, stays closed
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }
}
