package dev.breakwater;

import static dev.breakwater.Calls.fail;
import static dev.breakwater.Calls.failTimes;
import static dev.breakwater.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreakerEvent.Failure;
import dev.breakwater.CircuitBreakerEvent.Ignored;
import dev.breakwater.CircuitBreakerEvent.Rejected;
import dev.breakwater.CircuitBreakerEvent.Reset;
import dev.breakwater.CircuitBreakerEvent.StateChanged;
import dev.breakwater.CircuitBreakerEvent.Success;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventsTest {
  private final TestTicker ticker = new TestTicker();
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("events")
      .failureThreshold(2).successThreshold(1).timeout(Duration.ZERO)
      .ignore(IllegalArgumentException.class).ticker(ticker).build());
  private final List<CircuitBreakerEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void aFullCycleEmitsEveryKindOfEventInOrder() throws Exception {
    breaker.onEvent(events::add);
    Calls.succeed(breaker, ticker, Duration.ofMillis(7));
    fail(breaker);
    fail(breaker); // opens
    fail(breaker); // rejected
    ticker.advance(Duration.ofSeconds(5));
    assertThatThrownBy(() -> breaker.execute(() -> {
      throw new IllegalArgumentException("ignored");
    })).isInstanceOf(IllegalArgumentException.class);
    succeed(breaker); // trial succeeds: closes
    breaker.reset();

    assertThat(events).hasSize(10);
    assertThat(events.get(0)).isEqualTo(new Success("events", CircuitState.CLOSED, Duration.ofMillis(7)));
    assertThat(events.get(1)).isInstanceOf(Failure.class);
    assertThat(events.get(2)).isInstanceOf(Failure.class);
    assertThat(events.get(3)).isEqualTo(
        new StateChanged("events", CircuitState.CLOSED, CircuitState.OPEN, "2 consecutive failures"));
    assertThat(events.get(4)).isEqualTo(new Rejected("events", CircuitState.OPEN));
    assertThat(events.get(5)).isEqualTo(new StateChanged("events", CircuitState.OPEN,
        CircuitState.HALF_OPEN, "retry delay 5 s passed"));
    assertThat(events.get(6)).isInstanceOfSatisfying(Ignored.class, e -> {
      assertThat(e.state()).isEqualTo(CircuitState.HALF_OPEN);
      assertThat(e.error()).containsInstanceOf(IllegalArgumentException.class);
    });
    assertThat(events.get(7)).isInstanceOf(Success.class);
    assertThat(events.get(8)).isEqualTo(new StateChanged("events", CircuitState.HALF_OPEN,
        CircuitState.CLOSED, "trial call succeeded"));
    // reset() of a CLOSED breaker is announced, but is no state change
    assertThat(events.get(9)).isEqualTo(new Reset("events"));
  }

  /** The same cycle seen by one listener per kind: each gets its own kind only, in order. */
  @Test
  void aListenerForOneKindGetsThatKindOnly() throws Exception {
    List<Failure> failures = new CopyOnWriteArrayList<>();
    List<StateChanged> changes = new CopyOnWriteArrayList<>();
    List<CircuitBreakerEvent> everything = new CopyOnWriteArrayList<>();
    breaker.onEvent(Failure.class, failures::add);
    breaker.onEvent(StateChanged.class, changes::add);
    breaker.onEvent(CircuitBreakerEvent.class, everything::add);
    succeed(breaker);
    fail(breaker);
    fail(breaker); // opens
    fail(breaker); // rejected
    ticker.advance(Duration.ofSeconds(5));
    succeed(breaker); // closes
    assertThat(failures).hasSize(2).allSatisfy(f -> assertThat(f.state()).isEqualTo(CircuitState.CLOSED));
    assertThat(changes).extracting(StateChanged::to)
        .containsExactly(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED);
    assertThat(everything).hasSize(8);
  }

  @Test
  void closingOneKindsSubscriptionKeepsTheOthers() throws Exception {
    List<CircuitBreakerEvent> successes = new CopyOnWriteArrayList<>();
    List<CircuitBreakerEvent> failures = new CopyOnWriteArrayList<>();
    Subscription s = breaker.onEvent(Success.class, successes::add);
    breaker.onEvent(Failure.class, failures::add);
    succeed(breaker);
    s.close();
    succeed(breaker);
    fail(breaker);
    assertThat(successes).hasSize(1);
    assertThat(failures).hasSize(1);
  }

  @Test
  void aKindSubscriptionRejectsNulls() {
    assertThatThrownBy(() -> breaker.onEvent(null, e -> { })).isInstanceOf(NullPointerException.class)
        .hasMessage("kind");
    assertThatThrownBy(() -> breaker.onEvent(Failure.class, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
  }

  @Test
  void resetEmitsTheStateChangeAndTheReset() {
    failTimes(breaker, 2);
    breaker.onEvent(events::add);
    breaker.reset();
    assertThat(events).containsExactly(
        new StateChanged("events", CircuitState.OPEN, CircuitState.CLOSED, "reset()"),
        new Reset("events"));
  }

  @Test
  void closingTheSubscriptionStopsDelivery() throws Exception {
    AutoCloseable subscription = breaker.onEvent(events::add);
    succeed(breaker);
    subscription.close();
    subscription.close(); // harmless
    succeed(breaker);
    assertThat(events).hasSize(1);
  }

  @Test
  void aThrowingListenerNeverReachesTheCallerAndOthersStillRun() throws Exception {
    breaker.onEvent(e -> {
      throw new IllegalStateException("listener bug");
    });
    breaker.onEvent(events::add);
    assertThat(breaker.<String>execute(() -> "result")).isEqualTo("result");
    fail(breaker);
    assertThat(events).hasSize(2);
    assertThat(breaker.stats().totalSuccesses()).isEqualTo(1);
  }

  @Test
  void aListenerThrowingAnErrorIsIsolatedToo() throws Exception {
    breaker.onEvent(e -> {
      throw new AssertionError("listener error");
    });
    succeed(breaker);
    assertThat(breaker.stats().totalSuccesses()).isEqualTo(1);
  }
}
