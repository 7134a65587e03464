package dev.breakwater;

import static dev.breakwater.Calls.failTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HALF_OPEN admits at most halfOpenMaxCalls trial calls at once (seed flaw 2). */
class HalfOpenTrialLimitTest {
  private final TestTicker ticker = new TestTicker();
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("probe")
      .failureThreshold(1).successThreshold(3).halfOpenMaxCalls(2).timeout(Duration.ZERO)
      .ticker(ticker).build());

  private void openAndWait() {
    failTimes(breaker, 1);
    ticker.advance(Duration.ofSeconds(5));
  }

  @Test
  void admitsOnlyHalfOpenMaxCallsTrialsAtOnce() {
    openAndWait();
    Optional<Permit> first = breaker.tryAcquire();
    Optional<Permit> second = breaker.tryAcquire();
    Optional<Permit> third = breaker.tryAcquire();
    assertThat(first).isPresent();
    assertThat(second).isPresent();
    assertThat(third).isEmpty();
    assertThatThrownBy(() -> breaker.execute(() -> "x"))
        .isInstanceOf(CallNotPermittedException.class)
        .hasMessage("CircuitBreaker 'probe' is HALF_OPEN and all trial calls are in flight");
    first.get().onSuccess();
    assertThat(breaker.tryAcquire()).isPresent();
  }

  @Test
  void aFinishedTrialFreesItsSlotWhateverItsOutcome() {
    openAndWait();
    breaker.tryAcquire().orElseThrow().release();
    breaker.tryAcquire().orElseThrow().onFailure(new IllegalStateException("ignored? no: failure"));
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    assertThat(((DefaultCircuitBreaker) breaker).trialsInFlight()).isZero();
  }

  @Test
  void trialsFromAnEarlierHalfOpenStillCountAgainstTheLimit() {
    openAndWait();
    Permit slow = breaker.tryAcquire().orElseThrow();
    breaker.tryAcquire().orElseThrow().onFailure(new Calls.Boom("trial failed")); // reopens
    ticker.advance(Duration.ofSeconds(5));
    List<Permit> admitted = new ArrayList<>();
    breaker.tryAcquire().ifPresent(admitted::add);
    breaker.tryAcquire().ifPresent(admitted::add);
    assertThat(admitted).hasSize(1); // the slow trial of the earlier round still holds a slot
    slow.onSuccess(); // arrives late: counted, but cannot close the new round
    assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(breaker.stats().totalSuccesses()).isEqualTo(1);
  }

  @Test
  void aLateFailureFromAnOlderGenerationDoesNotReopenTheNewState() throws Exception {
    openAndWait();
    Permit stale = breaker.tryAcquire().orElseThrow();
    breaker.reset();
    stale.onFailure(new Calls.Boom("late"));
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(breaker.stats().totalFailures()).isEqualTo(2);
  }

  @Test
  void aLateSuccessFromAnOlderGenerationDoesNotCloseTheNewState() {
    CircuitBreaker oneSuccessCloses = CircuitBreaker.of(CircuitBreakerConfig.builder("one")
        .failureThreshold(1).successThreshold(1).halfOpenMaxCalls(2).timeout(Duration.ZERO)
        .ticker(ticker).build());
    failTimes(oneSuccessCloses, 1);
    ticker.advance(Duration.ofSeconds(5));
    Permit stale = oneSuccessCloses.tryAcquire().orElseThrow();
    oneSuccessCloses.tryAcquire().orElseThrow().onFailure(new Calls.Boom("reopen"));
    stale.onSuccess();
    assertThat(oneSuccessCloses.state()).isEqualTo(CircuitState.OPEN);
  }
}
