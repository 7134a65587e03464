package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import dev.breakwater.testkit.ManualTicker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CircuitBreakerMetric reports, against FakeNewRelic. */
class CircuitBreakerMonitorTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final Fixture f = new Fixture();
  private final ManualTicker ticker = ManualTicker.create();
  private final Instant now = Instant.now();
  private final EventApiClient client = f.eventApi().breaker(CircuitBreaker.of(
      EventApiClient.defaultBreakerConfig().toBuilder().retryDelay(Duration.ofMillis(100)).build())).build();
  private final MetricStreamer metrics = MetricStreamer.builder(client)
      .batching(100, Duration.ofMillis(10)).retryWait(Duration.ofMillis(10), Duration.ofMillis(50)).build();
  private final CircuitBreakerMonitor monitor = CircuitBreakerMonitor.builder(f.registry, metrics)
      .attribute("service", "checkout").attribute("host", "test-host")
      .clock(Clock.fixed(now, ZoneOffset.UTC)).build();

  @AfterEach
  void close() {
    monitor.close();
    metrics.close();
    f.close();
  }

  private CircuitBreaker breaker(String name) {
    return f.registry.breaker(CircuitBreakerConfig.builder(name).failureThreshold(2).successThreshold(2)
        .timeout(Duration.ZERO).ticker(ticker).build());
  }

  private Map<String, Map<String, Object>> reportedByBreaker() throws InterruptedException {
    assertThat(metrics.flush(WAIT)).isTrue();
    return f.fake.events(CircuitBreakerMonitor.EVENT_TYPE).stream()
        .collect(Collectors.toMap(e -> (String) e.get("breakerName"), e -> e, (a, b) -> b));
  }

  private static void fail(CircuitBreaker b) {
    try {
      b.execute(() -> {
        throw new IllegalStateException("down");
      });
    } catch (Exception expected) {
      // counted by the breaker
    }
  }

  @Test
  void eachReportCarriesTheGuidesAttributesAndMoreForBreakersInEveryState() throws Exception {
    CircuitBreaker closed = breaker("closed");
    closed.execute(() -> {
      ticker.advance(Duration.ofMillis(30));
      return "ok";
    });
    fail(closed);
    CircuitBreaker halfOpen = breaker("half-open");
    fail(halfOpen);
    fail(halfOpen);
    ticker.advance(Duration.ofSeconds(5)); // past the retry delay
    CircuitBreaker open = breaker("open");
    fail(open);
    fail(open);
    fail(open); // rejected
    breaker("forced").forceOpen();
    breaker("disabled").disable();

    assertThat(monitor.reportMetrics()).isEqualTo(f.registry.all().size());
    Map<String, Map<String, Object>> byName = reportedByBreaker();

    Map<String, Object> c = byName.get("closed");
    assertThat(c).containsEntry("eventType", "CircuitBreakerMetric")
        .containsEntry("timestamp", now.toEpochMilli())
        .containsEntry("breakerName", "closed")
        .containsEntry("state", "CLOSED")
        .containsEntry("totalCalls", 2)
        .containsEntry("totalFailures", 1)
        .containsEntry("totalSuccesses", 1)
        .containsEntry("totalTimeouts", 0)
        .containsEntry("averageResponseTime", 15.0)
        .containsEntry("failureRate", 50.0)
        .containsEntry("successRate", 50.0)
        .containsEntry("totalRejections", 0)
        .containsEntry("totalIgnored", 0)
        .containsEntry("windowCalls", 2)
        .containsEntry("windowFailures", 1)
        .containsEntry("windowFailureRate", 50.0)
        .containsEntry("service", "checkout")
        .containsEntry("host", "test-host");
    assertThat(byName.get("open")).containsEntry("state", "OPEN").containsEntry("totalRejections", 1)
        .containsEntry("totalCalls", 3).containsEntry("failureRate", 100.0);
    assertThat(byName.get("half-open")).containsEntry("state", "HALF_OPEN");
    assertThat(byName.get("forced")).containsEntry("state", "FORCED_OPEN");
    assertThat(byName.get("disabled")).containsEntry("state", "DISABLED");
  }

  @Test
  void aBreakerCreatedAfterStartIsInTheNextReport() throws Exception {
    breaker("early");
    monitor.start(Duration.ofMillis(50));
    breaker("late");
    assertThat(f.fake.awaitEvents(events -> events.stream()
        .anyMatch(e -> "late".equals(e.get("breakerName"))), WAIT)).isTrue();
  }

  @Test
  void aReportMadeDuringAnOutageIsDeliveredAfterRecovery() throws Exception {
    breaker("payments");
    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    monitor.reportMetrics();
    assertThat(metrics.flush(Duration.ofMillis(300))).isFalse();
    assertThat(f.fake.events(CircuitBreakerMonitor.EVENT_TYPE)).isEmpty();
    f.fake.faults().clear();
    assertThat(metrics.flush(WAIT)).isTrue();
    assertThat(f.fake.events(CircuitBreakerMonitor.EVENT_TYPE))
        .extracting(e -> e.get("breakerName")).contains("payments");
  }

  @Test
  void closeStopsTheSchedule() throws Exception {
    breaker("payments");
    monitor.start(Duration.ofMillis(20));
    assertThat(f.fake.awaitEvents(events -> events.size() >= 2, WAIT)).isTrue();
    monitor.close();
    assertThat(metrics.flush(WAIT)).isTrue();
    int reported = f.fake.events(CircuitBreakerMonitor.EVENT_TYPE).size();
    // Ten intervals later, still nothing new.
    assertThat(f.fake.awaitEvents(events -> events.size() > reported, Duration.ofMillis(200))).isFalse();
    assertThatThrownBy(() -> monitor.start(Duration.ofMillis(20))).isInstanceOf(IllegalStateException.class)
        .hasMessage("the monitor is closed");
  }

  @Test
  void aFailingReportIsLoggedAndTheScheduleGoesOn() throws Exception {
    breaker("payments");
    metrics.close(); // every report now fails
    monitor.start(Duration.ofMillis(10));
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> failures;
    do {
      Thread.yield();
      failures = KeyLeakGuard.captured().stream()
          .filter(l -> l.contains("Failed to report circuit breaker metrics")).collect(Collectors.toList());
    } while (failures.size() < 3 && System.nanoTime() < deadline);
    assertThat(failures).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void closeSendsALastReportOnce() throws Exception {
    breaker("payments").execute(() -> "ok");
    monitor.close();
    monitor.close();
    assertThat(metrics.flush(WAIT)).isTrue();
    assertThat(f.fake.events(CircuitBreakerMonitor.EVENT_TYPE)).singleElement().satisfies(e ->
        assertThat(e).containsEntry("breakerName", "payments").containsEntry("totalSuccesses", 1)
            .containsEntry("timestamp", now.toEpochMilli()));
  }

  @Test
  void aLastReportThatCannotBeBufferedIsLoggedNotThrown() {
    breaker("payments");
    metrics.close(); // the wrong order: the streamer before its monitor
    monitor.close();
    assertThat(KeyLeakGuard.captured()).anySatisfy(l -> assertThat(l)
        .contains("the last circuit breaker report is lost: the streamer is closed (close the monitor before "
            + "its metric streamer)"));
  }

  @Test
  void startingTwiceOrWithABadIntervalIsAnError() {
    assertThatThrownBy(() -> monitor.start(Duration.ZERO)).hasMessage("interval must be > 0, was PT0S");
    monitor.start(Duration.ofMinutes(1));
    assertThatThrownBy(() -> monitor.start(Duration.ofMinutes(1))).hasMessage("the monitor is already started");
  }

  @Test
  void commonAttributesCannotOverrideTheReportsOwn() {
    assertThatThrownBy(() -> CircuitBreakerMonitor.builder(f.registry, metrics).attribute("state", "x"))
        .hasMessage("attribute 'state' is set by the monitor itself");
    assertThatThrownBy(() -> CircuitBreakerMonitor.builder(f.registry, metrics).attribute("tags", List.of()))
        .hasMessage("attribute 'tags' cannot be reported: attribute 'tags' is nested (a collection); "
            + "values must be strings, numbers or booleans");
  }
}
