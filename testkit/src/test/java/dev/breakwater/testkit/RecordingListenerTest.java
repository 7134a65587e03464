package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecordingListenerTest {
  private final ManualTicker ticker = ManualTicker.create();
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("recorded")
      .failureThreshold(2).successThreshold(1).timeout(Duration.ZERO).ticker(ticker).build());

  @Test
  void recordsEventsInOrderAndFiltersByType() throws Exception {
    RecordingListener listener = RecordingListener.attachTo(breaker);
    breaker.execute(() -> "ok");
    fail();
    fail();

    assertThat(listener.events()).hasSize(4);
    assertThat(listener.events().get(0)).isInstanceOf(CircuitBreakerEvent.Success.class);
    assertThat(listener.events(CircuitBreakerEvent.Failure.class)).hasSize(2)
        .allSatisfy(f -> assertThat(f.breakerName()).isEqualTo("recorded"));
    assertThat(listener.events(CircuitBreakerEvent.Rejected.class)).isEmpty();
  }

  @Test
  void transitionsListTheTargetStateOfEveryChange() {
    RecordingListener listener = RecordingListener.attachTo(breaker);
    fail();
    fail();
    ticker.advance(Duration.ofSeconds(5));
    assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    breaker.forceOpen();

    assertThat(listener.transitions())
        .containsExactly(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.FORCED_OPEN);
  }

  @Test
  void snapshotsAreImmutableAndClearForgets() {
    RecordingListener listener = RecordingListener.attachTo(breaker);
    breaker.forceOpen();
    var snapshot = listener.events();
    assertThatThrownBy(() -> snapshot.add(new CircuitBreakerEvent.Reset("x")))
        .isInstanceOf(UnsupportedOperationException.class);

    listener.clear();
    assertThat(listener.events()).isEmpty();
    assertThat(snapshot).hasSize(1);
    breaker.reset();
    assertThat(listener.events()).isNotEmpty();
  }

  @Test
  void closeUnsubscribesAndIsIdempotent() {
    RecordingListener listener = RecordingListener.attachTo(breaker);
    breaker.forceOpen();
    listener.close();
    listener.close();
    breaker.reset();

    assertThat(listener.events()).hasSize(1);
    assertThat(listener.toString()).contains("subscribed=false");
  }

  private void fail() {
    assertThatThrownBy(() -> breaker.execute(() -> {
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
  }
}
