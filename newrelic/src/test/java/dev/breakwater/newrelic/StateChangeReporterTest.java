package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitState;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import dev.breakwater.testkit.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every transition of every breaker arrives at FakeNewRelic as a CircuitBreakerStateChange. */
class StateChangeReporterTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final Fixture f = new Fixture();
  private final ManualTicker ticker = ManualTicker.create();
  // The Event API's breaker lives in the registry, so its own transitions are reported too;
  // it probes again after 100 ms, so that recovery is quick.
  private final CircuitBreaker eventApiBreaker = f.registry.breaker(EventApiClient
      .defaultBreakerConfig().toBuilder().retryDelay(Duration.ofMillis(100)).build());
  private final MetricStreamer streamer = MetricStreamer.builder(f.eventApi().breaker(eventApiBreaker)
          .maxRetries(1).build())
      .batching(100, Duration.ofMillis(10))
      .retryWait(Duration.ofMillis(10), Duration.ofMillis(50))
      .closeTimeout(Duration.ofSeconds(10))
      .build();
  private final List<CircuitBreakerEvent.StateChanged> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    streamer.close();
    f.close();
  }

  /** A breaker on the manual ticker: 2 failures open it, 10 s later one success closes it. */
  private CircuitBreaker scripted(String name) {
    CircuitBreaker breaker = f.registry.breaker(CircuitBreakerConfig.builder(name)
        .failureThreshold(2).successThreshold(1).retryDelay(Duration.ofSeconds(10))
        .ticker(ticker).build());
    breaker.onEvent(e -> {
      if (e instanceof CircuitBreakerEvent.StateChanged c) {
        seen.add(c);
      }
    });
    return breaker;
  }

  private static void fail(CircuitBreaker breaker) {
    try {
      breaker.execute(() -> {
        throw new IOException("down");
      });
    } catch (Exception expected) {
      // recorded as a failure
    }
  }

  /** Six transitions: opened, half-opened, closed, forced open, disabled, reset. */
  private void script(CircuitBreaker breaker) {
    fail(breaker);
    fail(breaker);
    ticker.advance(Duration.ofSeconds(10));
    breaker.state();
    breaker.call(() -> "ok");
    breaker.forceOpen();
    breaker.disable();
    breaker.reset();
  }

  private List<Map<String, Object>> changesOf(String breaker) {
    return f.fake.events(StateChangeReporter.EVENT_TYPE).stream()
        .filter(e -> breaker.equals(e.get("breakerName"))).toList();
  }

  @Test
  void everyTransitionArrivesAtOnceWithItsOwnFields() throws Exception {
    CircuitBreaker payments = scripted("payments");
    StateChangeReporter reporter = StateChangeReporter.builder(f.registry, streamer)
        .attribute("host", "web-7").attribute("service", "checkout").attribute("zone", "eu-1")
        .build();
    long before = System.currentTimeMillis();
    script(payments);
    long after = System.currentTimeMillis();

    assertThat(streamer.flush(WAIT)).isTrue();
    List<Map<String, Object>> events = changesOf("payments");
    assertThat(events).hasSize(6).hasSameSizeAs(seen);
    for (int i = 0; i < events.size(); i++) {
      Map<String, Object> e = events.get(i);
      CircuitBreakerEvent.StateChanged c = seen.get(i);
      assertThat(e).containsEntry("eventType", "CircuitBreakerStateChange")
          .containsEntry("fromState", c.from().name()).containsEntry("toState", c.to().name())
          .containsEntry("reason", c.reason()).containsEntry("host", "web-7")
          .containsEntry("service", "checkout").containsEntry("zone", "eu-1")
          .containsEntry("suppressedChanges", 0);
      assertThat(((Number) e.get("timestamp")).longValue()).isBetween(before, after);
    }
    assertThat(events).extracting(e -> e.get("fromState") + ">" + e.get("toState")).containsExactly(
        "CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED", "CLOSED>FORCED_OPEN",
        "FORCED_OPEN>DISABLED", "DISABLED>CLOSED");
    assertThat(events.get(0)).containsEntry("reason", "2 consecutive failures");
    assertThat(reporter.transitions()).isEqualTo(6);
    assertThat(reporter.sent()).isEqualTo(6);
    reporter.close();
  }

  @Test
  void transitionsDuringAnEventApiOutageAreDeliveredAfterIt() throws Exception {
    StateChangeReporter reporter = StateChangeReporter.builder(f.registry, streamer).build();
    List<CircuitBreakerEvent.StateChanged> eventApiChanges = new CopyOnWriteArrayList<>();
    eventApiBreaker.onEvent(e -> {
      if (e instanceof CircuitBreakerEvent.StateChanged c) {
        eventApiChanges.add(c);
      }
    });
    CircuitBreaker payments = scripted("payments");
    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    long outageStart = System.currentTimeMillis();

    script(payments); // buffered: the Event API answers 503 ...
    while (eventApiBreaker.state() == CircuitState.CLOSED) {
      Thread.onSpinWait(); // ... until the sender's failures open its breaker (also reported)
    }
    assertThat(f.fake.events(StateChangeReporter.EVENT_TYPE)).isEmpty();
    long outageEnd = System.currentTimeMillis();
    f.fake.faults().clear();

    // The Event API's breaker closes after its trial calls succeed: keep it busy until then.
    for (int i = 0; i < 100 && eventApiBreaker.state() != CircuitState.CLOSED; i++) {
      streamer.streamMetrics(List.of(Map.of("eventType", "Tick")));
      assertThat(streamer.flush(WAIT)).isTrue();
    }
    reporter.close(); // sends what the flapping limit may still hold
    streamer.close();
    List<Map<String, Object>> delivered = changesOf("payments");
    assertThat(delivered).hasSize(6);
    assertThat(delivered).allSatisfy(e -> assertThat(((Number) e.get("timestamp")).longValue())
        .isBetween(outageStart, outageEnd));
    assertThat(changesOf("event-api")).extracting(e -> e.get("toState")).startsWith("OPEN");
    assertThat(represented(changesOf("event-api"))).isEqualTo(eventApiChanges.size());
    assertThat(changesOf("event-api").get(changesOf("event-api").size() - 1))
        .containsEntry("toState", "CLOSED");
    assertThat(reporter.lost()).isZero();
  }

  @Test
  void flappingIsBoundedAndEverySuppressedChangeIsCounted() throws Exception {
    CircuitBreaker payments = scripted("payments");
    StateChangeReporter reporter = StateChangeReporter.builder(f.registry, streamer)
        .flapLimit(3, Duration.ofMinutes(1)).ticker(ticker).build();

    for (int i = 0; i < 4; i++) { // 8 transitions: CLOSED > FORCED_OPEN > CLOSED ...
      payments.forceOpen();
      payments.reset();
    }
    assertThat(streamer.flush(WAIT)).isTrue();
    assertThat(changesOf("payments")).hasSize(3)
        .allSatisfy(e -> assertThat(e).containsEntry("suppressedChanges", 0));

    reporter.release(); // no budget yet: the latest transition stays held
    ticker.advance(Duration.ofSeconds(20)); // a minute refills 3: one every 20 s
    reporter.release();
    assertThat(streamer.flush(WAIT)).isTrue();
    List<Map<String, Object>> events = changesOf("payments");
    assertThat(events).hasSize(4);
    assertThat(events.get(3)).containsEntry("fromState", "FORCED_OPEN")
        .containsEntry("toState", "CLOSED").containsEntry("suppressedChanges", 4);
    assertThat(represented(events)).isEqualTo(8).isEqualTo(reporter.transitions());
    assertThat(reporter.suppressed()).isEqualTo(4);
    reporter.close();
  }

  @Test
  void aTransitionWithBudgetSupersedesTheHeldOneAndCloseSendsWhatIsHeld() throws Exception {
    CircuitBreaker payments = scripted("payments");
    StateChangeReporter reporter = StateChangeReporter.builder(f.registry, streamer)
        .flapLimit(1, Duration.ofMinutes(1)).ticker(ticker).build();

    payments.forceOpen(); // sent
    payments.reset(); // held
    payments.forceOpen(); // held instead, the reset counted
    ticker.advance(Duration.ofMinutes(1));
    payments.reset(); // sent, counting both
    payments.disable(); // held ...
    reporter.close(); // ... and sent on close, whatever the budget
    payments.reset(); // after close: not followed

    assertThat(streamer.flush(WAIT)).isTrue();
    assertThat(changesOf("payments")).extracting(e -> e.get("toState") + "+" + e.get("suppressedChanges"))
        .containsExactly("FORCED_OPEN+0", "CLOSED+2", "DISABLED+0");
    assertThat(reporter.transitions()).isEqualTo(5);
  }

  @Test
  void followsBreakersCreatedLaterAndLetsRemovedOnesGo() throws Exception {
    StateChangeReporter reporter = StateChangeReporter.builder(f.registry, streamer).build();
    CircuitBreaker later = scripted("inventory");
    later.forceOpen();
    f.registry.remove("inventory");
    later.reset();

    assertThat(streamer.flush(WAIT)).isTrue();
    assertThat(changesOf("inventory")).extracting(e -> e.get("toState")).containsExactly("FORCED_OPEN");
    reporter.close();
  }

  @Test
  void hostAndServiceHaveDefaultsAndTheEventsOwnAttributesAreRefused() throws Exception {
    StateChangeReporter reporter = StateChangeReporter.builder(f.registry, streamer).build();
    scripted("payments").forceOpen();
    assertThat(streamer.flush(WAIT)).isTrue();
    assertThat(changesOf("payments")).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("service", "unknown");
      assertThat((String) e.get("host")).isNotBlank();
    });
    reporter.close();

    for (String own : List.of("breakerName", "fromState", "toState", "reason", "timestamp",
        "suppressedChanges", "eventType")) {
      assertThatThrownBy(() -> StateChangeReporter.builder(f.registry, streamer).attribute(own, "x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(own);
    }
    assertThatThrownBy(() -> StateChangeReporter.builder(f.registry, streamer).attribute("tags", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateChangeReporter.builder(f.registry, streamer).flapLimit(0, Duration.ofMinutes(1)))
        .hasMessage("changes must be in 1..10000, was 0");
    assertThatThrownBy(() -> StateChangeReporter.builder(f.registry, streamer).flapLimit(5, Duration.ofMillis(10)))
        .hasMessage("per must be between 1 s and 1 day, was PT0.01S");
  }

  @Test
  void aClosedStreamerLosesTheEventWithoutReachingTheBreakersCaller() {
    StateChangeReporter reporter = StateChangeReporter.builder(f.registry, streamer).build();
    CircuitBreaker payments = scripted("payments");
    streamer.close();

    payments.forceOpen(); // the listener's failure never reaches this thread

    assertThat(payments.state()).isEqualTo(CircuitState.FORCED_OPEN);
    assertThat(reporter.lost()).isOne();
    assertThat(KeyLeakGuard.captured()).anySatisfy(line -> assertThat(line)
        .contains("a state change of 'payments' (CLOSED -> FORCED_OPEN) is lost, 1 in all"));
    reporter.close();
  }

  /** How many transitions the events stand for: each one, plus those it counts as suppressed. */
  private static long represented(List<Map<String, Object>> events) {
    List<Long> each = new ArrayList<>();
    events.forEach(e -> each.add(1 + ((Number) e.get("suppressedChanges")).longValue()));
    return each.stream().mapToLong(Long::longValue).sum();
  }
}
