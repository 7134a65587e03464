package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CallNotPermittedException;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerEvent.StateChanged;
import dev.breakwater.CircuitState;
import dev.breakwater.testkit.ManualTicker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private final ManualTicker ticker = ManualTicker.create();
  private final Sampler sampler = new Sampler(ticker, 120);
  private final CircuitBreaker breaker = breaker("payments");

  @Test
  void theFirstReadingIsTheBaselineAndAddsNoPoint() {
    Sampler.Entry entry = only(sampler.sample(List.of(breaker)));
    assertThat(entry.appended()).isFalse();
    assertThat(entry.track().callRates().size()).isZero();
    assertThat(entry.track().callRate()).isNaN();
  }

  @Test
  void callRateIsEveryAttemptOfTheIntervalPerSecondRejectionsIncluded() {
    sampler.sample(List.of(breaker));
    for (int i = 0; i < 20; i++) {
      succeed(Duration.ZERO);
    }
    breaker.forceOpen();
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> breaker.call(() -> "never"))
          .isInstanceOf(CallNotPermittedException.class);
    }
    ticker.advance(Duration.ofSeconds(2));

    Sampler.Entry entry = only(sampler.sample(List.of(breaker)));

    assertThat(entry.appended()).isTrue();
    assertThat(entry.track().callRate()).isEqualTo(15.0);
    assertThat(entry.stats().totalRejections()).isEqualTo(10);
  }

  @Test
  void failureRateAndMeanLatencyCoverOnlyTheInterval() {
    sampler.sample(List.of(breaker));
    for (int i = 0; i < 4; i++) {
      succeed(Duration.ofMillis(10));
    }
    ticker.advance(Duration.ofMillis(960));
    sampler.sample(List.of(breaker));
    succeed(Duration.ofMillis(50));
    fail(Duration.ofMillis(30));
    ticker.advance(Duration.ofMillis(920));

    BreakerTrack track = only(sampler.sample(List.of(breaker))).track();

    assertThat(track.callRates().toArray()).containsExactly(4.0, 2.0);
    assertThat(track.failureRates().toArray()).containsExactly(0.0, 50.0);
    assertThat(track.latenciesMs().toArray()).containsExactly(10.0, 40.0);
  }

  @Test
  void anIntervalWithoutOutcomesHasACallRateOfZeroAndGapsForTheRest() {
    sampler.sample(List.of(breaker));
    ticker.advance(Duration.ofSeconds(1));

    BreakerTrack track = only(sampler.sample(List.of(breaker))).track();

    assertThat(track.callRates().toArray()).containsExactly(0.0);
    assertThat(track.failureRates().last()).isNaN();
    assertThat(track.latenciesMs().last()).isNaN();
  }

  @Test
  void aSampleWhileTheTickerStandsStillKeepsItsBaseline() {
    sampler.sample(List.of(breaker));
    succeed(Duration.ZERO);
    Sampler.Entry still = only(sampler.sample(List.of(breaker)));
    assertThat(still.appended()).isFalse();
    assertThat(still.stats().totalCalls()).isEqualTo(1);

    ticker.advance(Duration.ofSeconds(1));
    assertThat(only(sampler.sample(List.of(breaker))).track().callRate()).isEqualTo(1.0);
  }

  @Test
  void historyKeepsOnlyTheLastSamples() {
    Sampler small = new Sampler(ticker, 3);
    small.sample(List.of(breaker));
    for (int i = 1; i <= 5; i++) {
      for (int c = 0; c < i; c++) {
        succeed(Duration.ZERO);
      }
      ticker.advance(Duration.ofSeconds(1));
      small.sample(List.of(breaker));
    }
    assertThat(small.track(breaker).orElseThrow().callRates().toArray()).containsExactly(3, 4, 5);
  }

  @Test
  void stateChangesAreKeptNewestFirstWithTheirReasonsAndNumbered() {
    sampler.sample(List.of(breaker));
    for (int i = 1; i <= 7; i++) {
      ticker.advance(Duration.ofSeconds(1));
      sampler.transition(breaker, new StateChanged("payments", CircuitState.CLOSED,
          CircuitState.OPEN, "reason " + i), ticker.read());
    }
    List<BreakerTrack.Transition> transitions = sampler.track(breaker).orElseThrow().transitions();
    assertThat(transitions).hasSize(BreakerTrack.TRANSITIONS_KEPT);
    assertThat(transitions).extracting(BreakerTrack.Transition::reason)
        .containsExactly("reason 7", "reason 6", "reason 5", "reason 4", "reason 3");
    assertThat(transitions).extracting(BreakerTrack.Transition::id)
        .containsExactly(7L, 6L, 5L, 4L, 3L);
  }

  @Test
  void timeInStateIsALowerBoundUntilAChangeIsSeenThenCountsFromTheChange() {
    sampler.sample(List.of(breaker));
    ticker.advance(Duration.ofSeconds(30));
    BreakerTrack track = sampler.track(breaker).orElseThrow();
    assertThat(track.inStateAtLeast()).isTrue();
    assertThat(track.inStateNanos(ticker.read())).isEqualTo(Duration.ofSeconds(30).toNanos());

    breaker.forceOpen();
    long changedAt = ticker.read();
    ticker.advance(Duration.ofSeconds(2));
    sampler.transition(breaker, new StateChanged("payments", CircuitState.CLOSED,
        CircuitState.FORCED_OPEN, "forceOpen()"), changedAt);
    ticker.advance(Duration.ofSeconds(3));

    assertThat(track.inStateAtLeast()).isFalse();
    assertThat(track.inStateNanos(ticker.read())).isEqualTo(Duration.ofSeconds(5).toNanos());
  }

  @Test
  void aChangeSeenOnlyBySamplingCountsFromThatSample() {
    sampler.sample(List.of(breaker));
    breaker.disable();
    ticker.advance(Duration.ofSeconds(1));
    Sampler.Entry entry = only(sampler.sample(List.of(breaker)));
    assertThat(entry.stats().state()).isEqualTo(CircuitState.DISABLED);
    assertThat(entry.track().inStateAtLeast()).isFalse();
    assertThat(entry.track().inStateNanos(ticker.read())).isZero();
  }

  @Test
  void followsTheRegistrysBreakersByIdentity() {
    CircuitBreaker search = breaker("search");
    sampler.sample(List.of(breaker, search));
    ticker.advance(Duration.ofSeconds(1));
    sampler.sample(List.of(breaker, search));
    assertThat(sampler.track(search).orElseThrow().callRates().size()).isEqualTo(1);

    Sampler.Reading reading = sampler.sample(List.of(breaker));
    assertThat(reading.entries()).extracting(e -> e.stats().breakerName())
        .containsExactly("payments");
    assertThat(sampler.track(search)).isEmpty();

    CircuitBreaker recreated = breaker("search");
    sampler.sample(List.of(breaker, recreated));
    assertThat(sampler.track(recreated).orElseThrow().callRates().size()).isZero();
  }

  @Test
  void aSnapshotReadsStatsNowWithoutAddingToTheHistoryOrTheSequence() {
    sampler.sample(List.of(breaker));
    ticker.advance(Duration.ofSeconds(1));
    Sampler.Reading sampled = sampler.sample(List.of(breaker));
    succeed(Duration.ofMillis(5));

    Sampler.Reading snapshot = sampler.snapshot(List.of(breaker));

    assertThat(snapshot.sequence()).isEqualTo(sampled.sequence()).isEqualTo(2);
    assertThat(only(snapshot).stats()).isEqualTo(breaker.stats());
    assertThat(only(snapshot).track().callRates().size()).isEqualTo(1);
  }

  private CircuitBreaker breaker(String name) {
    return CircuitBreaker.of(CircuitBreakerConfig.builder(name).ticker(ticker)
        .timeout(Duration.ZERO).failureThreshold(1_000).build());
  }

  private void succeed(Duration latency) {
    breaker.call(() -> {
      ticker.advance(latency);
      return "ok";
    });
  }

  private void fail(Duration latency) {
    assertThatThrownBy(() -> breaker.call(() -> {
      ticker.advance(latency);
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
  }

  private static Sampler.Entry only(Sampler.Reading reading) {
    assertThat(reading.entries()).hasSize(1);
    return reading.entries().get(0);
  }
}
