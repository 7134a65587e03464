package dev.breakwater;

import static dev.breakwater.Calls.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the defects that testing from outside found in the core, one per defect,
 * each named for what it guards.
 */
class OutsideTestingRegressionTest {
  private final TestTicker ticker = new TestTicker();

  private CircuitBreakerConfig.Builder config(String name) {
    return CircuitBreakerConfig.builder(name).timeout(Duration.ZERO).ticker(ticker);
  }

  @Test
  void timeoutDeadlinesComeFromTheMonotonicClockNotTheCoarseOne() {
    List<Long> asked = new ArrayList<>();
    TimeoutWheel wheel = new TimeoutWheel(ticker, asked::add);
    ticker.advance(Duration.ofMillis(3));
    TimeoutEntry entry = new TimeoutEntry() {
      @Override
      void expire() {
        markExpired();
      }
    };
    wheel.schedule(entry, TimeUnit.MILLISECONDS.toNanos(50));
    assertThat(entry.deadline).isEqualTo(ticker.read() + TimeUnit.MILLISECONDS.toNanos(50));
    assertThat(asked).containsExactly(entry.deadline);
    wheel.tick(entry.deadline - 1);
    assertThat(entry.isPending()).as("one nanosecond early: not fired").isTrue();
    wheel.tick(entry.deadline);
    assertThat(entry.isExpired()).isTrue();
    // The shared wheel reads System.nanoTime(), never the coarse clock.
    assertThat(TimeoutWheelClock.of(TimeoutWheel.INSTANCE)).isSameAs(Ticker.system());
  }

  @Test
  void anAbandonedHalfOpenPermitDoesNotLockTheBreakerAcrossReset() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(config("abandoned")
        .failureThreshold(1).successThreshold(1).halfOpenMaxCalls(1).build());
    fail(b);
    ticker.advance(Duration.ofSeconds(6));
    assertThat(b.tryAcquire()).isPresent(); // dropped, never ended
    b.reset();
    fail(b);
    ticker.advance(Duration.ofSeconds(60));
    assertThat(b.execute(() -> 1)).isEqualTo(1);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void forceOpenAndDisableFreeEveryTrialSlot() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(config("manual-frees")
        .failureThreshold(1).successThreshold(1).halfOpenMaxCalls(1).build());
    fail(b);
    ticker.advance(Duration.ofSeconds(6));
    assertThat(b.tryAcquire()).isPresent();
    b.forceOpen();
    b.reset();
    fail(b);
    ticker.advance(Duration.ofSeconds(6));
    assertThat(b.tryAcquire()).isPresent();
    b.disable();
    b.reset();
    fail(b);
    ticker.advance(Duration.ofSeconds(6));
    assertThat(b.execute(() -> 2)).isEqualTo(2);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void aHalfOpenRoundWithoutAVerdictReturnsToOpenAfterMaxHalfOpenWait() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(config("hung-trial")
        .failureThreshold(1).successThreshold(1).halfOpenMaxCalls(1)
        .maxHalfOpenWait(Duration.ofSeconds(20)).build());
    fail(b);
    ticker.advance(Duration.ofSeconds(5));
    CompletableFuture<Integer> never = new CompletableFuture<>();
    b.executeAsync(() -> never); // timeout ZERO: never completes
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(b.tryAcquire()).isEmpty();
    ticker.advance(Duration.ofSeconds(20));
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advance(Duration.ofSeconds(5));
    assertThat(b.execute(() -> 3)).isEqualTo(3);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void noConfigurationWaitsInHalfOpenForeverByDefault() {
    assertThat(CircuitBreakerConfig.builder("d").build().maxHalfOpenWait())
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(CircuitBreakerConfig.builder("d").timeout(Duration.ZERO).build().maxHalfOpenWait())
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(CircuitBreakerConfig.builder("d").timeout(Duration.ofSeconds(45)).build()
        .maxHalfOpenWait()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aTrialFinishingAfterTheCircuitClosedLeavesTheNewWindowAlone() {
    CircuitBreaker b = CircuitBreaker.of(config("stale-trial")
        .failureThreshold(3).failureRateThreshold(50).minimumCalls(4).build()); // 2 successes, 2 slots
    Calls.failTimes(b, 3);
    ticker.advance(Duration.ofSeconds(5));
    Permit first = b.tryAcquire().orElseThrow();
    Permit second = b.tryAcquire().orElseThrow();
    first.onSuccess();
    Permit third = b.tryAcquire().orElseThrow(); // takes the freed slot
    second.onSuccess(); // closes
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    fail(b);
    fail(b);
    third.onSuccess(); // stale: must not reach the threshold again and wipe the window
    assertThat(b.stats().windowCalls()).isEqualTo(2);
    assertThat(b.stats().windowFailures()).isEqualTo(2);
    assertThat(b.stats().totalSuccesses()).isEqualTo(3);
  }

  @Test
  void windowFiguresStayConsistentAfterResetRacesWithEndingPermits() {
    CircuitBreaker b = CircuitBreaker.of(config("reset-race").failureThreshold(100).build());
    List<Permit> permits = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      permits.add(b.tryAcquire().orElseThrow());
    }
    b.reset();
    permits.forEach(p -> p.onFailure(new Calls.Boom("late")));
    CircuitBreakerStats s = b.stats();
    assertThat(s.windowCalls()).isZero();
    assertThat(s.windowFailures()).isZero();
    assertThat(s.totalFailures()).isEqualTo(20);
    fail(b);
    assertThat(b.stats().windowCalls()).isEqualTo(1);
    assertThat(b.stats().windowFailureRate()).isEqualTo(100.0);
  }

  @Test
  void toBuilderKeepsAnExplicitHalfOpenMaxCallsEqualToSuccessThreshold() {
    CircuitBreakerConfig c = CircuitBreakerConfig.builder("explicit")
        .successThreshold(3).halfOpenMaxCalls(3).build();
    assertThat(c.toBuilder().successThreshold(5).build().halfOpenMaxCalls()).isEqualTo(3);
    CircuitBreakerConfig following = CircuitBreakerConfig.builder("follows").successThreshold(3).build();
    assertThat(following.toBuilder().successThreshold(5).build().halfOpenMaxCalls()).isEqualTo(5);
  }

  @Test
  void theWindowExpiresWhenTickerReadingsWrapPastLongMaxValue() {
    long[] now = {Long.MAX_VALUE - Duration.ofSeconds(30).toNanos()};
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("wrap")
        .timeout(Duration.ZERO).failureThreshold(100).ticker(() -> now[0]).build());
    fail(b);
    fail(b);
    assertThat(b.stats().windowCalls()).isEqualTo(2);
    now[0] += Duration.ofSeconds(61).toNanos(); // wraps to a negative reading
    assertThat(now[0]).isNegative();
    assertThat(b.stats().windowCalls()).isZero();
    fail(b);
    assertThat(b.stats().windowCalls()).isEqualTo(1);
  }

  @Test
  void aSlowTrialDoesNotCloseTheCircuitWhenTheSlowCallPolicyIsOn() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(config("slow-trial")
        .failureThreshold(1).successThreshold(1)
        .slowCallDuration(Duration.ofMillis(100)).slowCallRateThreshold(50).build());
    fail(b);
    ticker.advance(Duration.ofSeconds(5));
    Calls.succeed(b, ticker, Duration.ofMillis(150)); // still slow
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advance(Duration.ofSeconds(5));
    Calls.succeed(b, ticker, Duration.ofMillis(20)); // fast again
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void everyAttemptIsCountedWhenAListenerOverflowsTheStackDuringTheLazySwitch() {
    CircuitBreaker b = CircuitBreaker.of(config("listener-soe").failureThreshold(1).build());
    fail(b);
    b.onEvent(e -> {
      if (e instanceof CircuitBreakerEvent.StateChanged) {
        throw new StackOverflowError("listener bug");
      }
    });
    ticker.advance(Duration.ofSeconds(5));
    assertThat(b.call(() -> "ok")).isEqualTo("ok");
    CircuitBreakerStats s = b.stats();
    assertThat(s.totalCalls()).isEqualTo(2);
    assertThat(s.totalSuccesses()).isEqualTo(1);
  }

  @Test
  void aStaleOutcomeNeverShowsAsANegativeOrInconsistentWindow() {
    CircuitBreaker b = CircuitBreaker.of(config("never-negative").failureThreshold(2).build());
    List<Permit> inFlight = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      inFlight.add(b.tryAcquire().orElseThrow());
    }
    fail(b);
    fail(b); // opens
    inFlight.forEach(p -> p.onFailure(new Calls.Boom("late")));
    CircuitBreakerStats s = b.stats();
    assertThat(s.windowCalls()).isGreaterThanOrEqualTo(0);
    assertThat(s.windowFailures()).isBetween(0L, s.windowCalls());
    assertThat(s.windowFailureRate()).isBetween(0.0, 100.0);
    assertThatThrownBy(() -> b.call(() -> 1)).isInstanceOf(CallNotPermittedException.class);
  }
}
