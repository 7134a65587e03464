package dev.breakwater;

import static dev.breakwater.Calls.fail;
import static dev.breakwater.Calls.failTimes;
import static dev.breakwater.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The state machine, driven by a manual ticker. */
class CircuitBreakerStateTest {
  private final TestTicker ticker = new TestTicker();

  private CircuitBreaker breaker(CircuitBreakerConfig.Builder b) {
    return CircuitBreaker.of(b.ticker(ticker).timeout(Duration.ZERO).build());
  }

  private CircuitBreaker guideBreaker() {
    return breaker(CircuitBreakerConfig.builder("test-breaker").failureThreshold(3)
        .successThreshold(2).retryDelay(Duration.ofSeconds(5)));
  }

  @Test
  void startsClosed() {
    assertThat(guideBreaker().state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void opensAfterFailureThresholdConsecutiveFailures() {
    CircuitBreaker b = guideBreaker();
    failTimes(b, 2);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    fail(b);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void aSuccessResetsTheConsecutiveFailureCount() throws Exception {
    CircuitBreaker b = guideBreaker();
    failTimes(b, 2);
    succeed(b);
    failTimes(b, 2);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void rejectsCallsWhenOpenWithoutRunningThem() {
    CircuitBreaker b = guideBreaker();
    failTimes(b, 3);
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> b.execute(runs::incrementAndGet))
        .isInstanceOf(CallNotPermittedException.class)
        .hasMessage("CircuitBreaker 'test-breaker' is OPEN and does not permit calls")
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    assertThat(runs).hasValue(0);
    assertThat(b.stats().totalRejections()).isEqualTo(1);
  }

  @Test
  void isHalfOpenOnceRetryDelayHasPassedEvenBeforeTheNextCall() {
    CircuitBreaker b = guideBreaker();
    failTimes(b, 3);
    ticker.advance(Duration.ofMillis(4_999));
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advanceMillis(1);
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(b.stats().state()).isEqualTo(CircuitState.HALF_OPEN);
  }

  @Test
  void closesAfterSuccessThresholdTrialSuccesses() throws Exception {
    CircuitBreaker b = guideBreaker();
    failTimes(b, 3);
    ticker.advance(Duration.ofSeconds(5));
    assertThat(b.<String>execute(() -> "success")).isEqualTo("success");
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
    succeed(b);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void anyTrialFailureReopens() throws Exception {
    CircuitBreaker b = guideBreaker();
    failTimes(b, 3);
    ticker.advance(Duration.ofSeconds(5));
    succeed(b);
    fail(b);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advance(Duration.ofSeconds(5));
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
  }

  @Test
  void afterClosingNeedsTheFullFailureThresholdAgain() throws Exception {
    CircuitBreaker b = guideBreaker();
    failTimes(b, 3);
    ticker.advance(Duration.ofSeconds(5));
    succeed(b);
    succeed(b);
    failTimes(b, 2);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void backoffGrowsTheOpenDelayAfterEachFailedTrialUpToTheCap() {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("b").failureThreshold(1)
        .retryDelay(Duration.ofSeconds(1)).backoffMultiplier(2).maxRetryDelay(Duration.ofSeconds(3)));
    fail(b); // open for 1 s
    ticker.advance(Duration.ofSeconds(1));
    fail(b); // trial fails: open for 2 s
    ticker.advance(Duration.ofMillis(1_999));
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advanceMillis(1);
    fail(b); // trial fails: 4 s, capped at 3 s
    ticker.advance(Duration.ofMillis(2_999));
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advanceMillis(1);
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
  }

  @Test
  void backoffStartsOverAfterTheCircuitCloses() throws Exception {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("b").failureThreshold(1).successThreshold(1)
        .retryDelay(Duration.ofSeconds(1)).backoffMultiplier(4).maxRetryDelay(Duration.ofSeconds(60)));
    fail(b);
    ticker.advance(Duration.ofSeconds(1));
    fail(b); // 4 s
    ticker.advance(Duration.ofSeconds(4));
    succeed(b); // closed
    fail(b); // open again: back to 1 s
    ticker.advance(Duration.ofSeconds(1));
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
  }

  @Test
  void jitterKeepsTheDelayWithinItsSpread() {
    for (int i = 0; i < 50; i++) {
      CircuitBreaker b = breaker(CircuitBreakerConfig.builder("j" + i).failureThreshold(1)
          .retryDelay(Duration.ofSeconds(10)).retryJitter(0.5));
      fail(b);
      ticker.advance(Duration.ofMillis(4_999));
      assertThat(b.state()).isEqualTo(CircuitState.OPEN);
      ticker.advance(Duration.ofMillis(10_002));
      assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
    }
  }

  @Test
  void forceOpenRejectsUntilReset() throws Exception {
    CircuitBreaker b = guideBreaker();
    b.forceOpen();
    assertThat(b.state()).isEqualTo(CircuitState.FORCED_OPEN);
    ticker.advance(Duration.ofHours(1));
    assertThatThrownBy(() -> succeed(b)).isInstanceOf(CallNotPermittedException.class)
        .hasMessageContaining("FORCED_OPEN");
    b.reset();
    succeed(b);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void disabledPermitsAndCountsEverythingAndNeverOpens() {
    CircuitBreaker b = guideBreaker();
    b.disable();
    failTimes(b, 10);
    assertThat(b.state()).isEqualTo(CircuitState.DISABLED);
    assertThat(b.stats().totalFailures()).isEqualTo(10);
  }

  @Test
  void resetClosesAndForgetsProgressButKeepsTotals() {
    CircuitBreaker b = guideBreaker();
    failTimes(b, 3);
    b.reset();
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    failTimes(b, 2);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(b.stats().totalFailures()).isEqualTo(5);
    assertThat(b.stats().windowCalls()).isEqualTo(2);
  }

  @Test
  void ignoredExceptionsAreNeitherSuccessNorFailure() throws Exception {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("b").failureThreshold(2)
        .ignore(IllegalArgumentException.class));
    fail(b);
    assertThatThrownBy(() -> b.execute(() -> {
      throw new IllegalArgumentException("caller's mistake");
    })).isInstanceOf(IllegalArgumentException.class);
    fail(b);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN); // the ignored call did not reset the count
    CircuitBreakerStats s = b.stats();
    assertThat(s.totalIgnored()).isEqualTo(1);
    assertThat(s.totalSuccesses()).isZero();
  }

  @Test
  void exceptionsTheRecordFailurePredicateRejectsCountAsSuccesses() {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("b").failureThreshold(1)
        .recordFailure(t -> !(t instanceof UnsupportedOperationException)));
    assertThatThrownBy(() -> b.execute(() -> {
      throw new UnsupportedOperationException("answered with an error");
    })).isInstanceOf(UnsupportedOperationException.class);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(b.stats().totalSuccesses()).isEqualTo(1);
  }

  @Test
  void aThrowingPredicateCountsAsFailureAndTheCallersExceptionSurvives() {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("b").failureThreshold(1)
        .recordFailure(t -> {
          throw new IllegalStateException("bad predicate");
        }));
    assertThatThrownBy(() -> b.execute(() -> {
      throw new Calls.Boom("original");
    })).isInstanceOf(Calls.Boom.class).hasMessage("original");
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void errorsPropagateAndCountAsFailuresWithoutLeakingATrialSlot() {
    CircuitBreaker b = breaker(CircuitBreakerConfig.builder("b").failureThreshold(1)
        .halfOpenMaxCalls(1).recordFailure(t -> false));
    assertThatThrownBy(() -> b.execute(() -> {
      throw new AssertionError("error");
    })).isInstanceOf(AssertionError.class);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advance(Duration.ofSeconds(5));
    assertThatThrownBy(() -> b.execute(() -> {
      throw new StackOverflowError();
    })).isInstanceOf(StackOverflowError.class);
    assertThat(((DefaultCircuitBreaker) b).trialsInFlight()).isZero();
    assertThat(b.stats().totalFailures()).isEqualTo(2);
  }

  @Test
  void checkedExceptionsAreRethrownUnchanged() {
    CircuitBreaker b = guideBreaker();
    java.io.IOException io = new java.io.IOException("disk");
    assertThatThrownBy(() -> b.execute(() -> {
      throw io;
    })).isSameAs(io);
  }
}
