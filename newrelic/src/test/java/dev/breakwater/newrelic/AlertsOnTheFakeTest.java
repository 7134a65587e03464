package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.testkit.FakeNewRelic;
import dev.breakwater.testkit.Incident;
import dev.breakwater.testkit.ManualTicker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provisioned conditions do what their names say, evaluated by FakeNewRelic over the
 * monitor's reports, one a minute on a manual clock.
 */
class AlertsOnTheFakeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final ManualTicker ticker = ManualTicker.create();
  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS);
  private final Clock clock = ticker.asClock(t0);
  private final FakeNewRelic fake = FakeNewRelic.builder().licenseKey(Canary.LICENSE_KEY)
      .userKey(Canary.USER_KEY).ticker(ticker).clock(clock).start();
  private final NewRelicConfig config = NewRelicConfig.fromEnvironment(fake.environment());
  private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
  private final CircuitBreaker payments = registry.breaker(CircuitBreakerConfig.builder("payments")
      .failureThreshold(5).retryDelay(Duration.ofHours(1)).monitoringWindow(Duration.ofHours(1))
      .ticker(ticker).build());
  private final MetricStreamer streamer = MetricStreamer.builder(EventApiClient.builder(config)
      .clock(clock).build()).batching(100, Duration.ofMillis(10)).build();
  private final CircuitBreakerMonitor monitor = CircuitBreakerMonitor.builder(registry, streamer)
      .clock(clock).attribute("host", "web-1").build();

  @AfterEach
  void close() {
    streamer.close();
    fake.close();
  }

  /** The monitor's report of this minute, delivered; then the minute passes. */
  private void minute() throws InterruptedException {
    monitor.reportMetrics();
    assertThat(streamer.flush(WAIT)).isTrue();
    ticker.advance(Duration.ofMinutes(1));
  }

  private Incident incident(String condition) {
    List<Incident> found = fake.incidents().stream()
        .filter(i -> i.conditionName().equals(condition)).toList();
    assertThat(found).as(condition).hasSize(1);
    return found.get(0);
  }

  private Instant at(int minutes) {
    return t0.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void anOpenBreakerAFailingBreakerAndASilentHostEachOpenAnIncidentThatClosesOnRecovery()
      throws Exception {
    AlertProvisioner.create(NerdGraphClient.builder(config).build(), AlertPolicyDefinition.builder()
        .openFor(Duration.ofMinutes(2)).build()).provision(fake.accountId());

    minute(); // 0
    minute(); // 1
    for (int i = 0; i < 5; i++) {
      try {
        payments.execute(() -> {
          throw new IOException("down");
        });
      } catch (Exception expected) {
        // a failure
      }
    }
    for (int m = 2; m < 7; m++) {
      minute(); // OPEN, failure rate 100 %
    }
    payments.reset();
    for (int m = 7; m < 15; m++) {
      minute(); // CLOSED again
    }

    // A window is evaluated when a report two minutes past its end arrives (EVENT_FLOW, 120 s).
    Incident open = incident("Circuit breaker open");
    assertThat(open.facet()).containsExactly("payments", "web-1");
    assertThat(open.openedAt()).isEqualTo(at(6)); // windows 2 and 3 were open
    assertThat(open.closedAt()).contains(at(11)); // windows 7 and 8 were closed
    Incident rate = incident("Circuit breaker failure rate");
    assertThat(rate.facet()).containsExactly("payments");
    assertThat(rate.openedAt()).isEqualTo(at(9)); // windows 2 to 6 above 50 %
    assertThat(rate.closedAt()).contains(at(14)); // windows 7 to 11 at 0 %
    assertThat(fake.incidents()).noneMatch(Incident::lossOfSignal);

    ticker.advance(Duration.ofMinutes(3)); // the last report arrived at 14
    assertThat(fake.incidents()).noneMatch(Incident::lossOfSignal);
    ticker.advance(Duration.ofMinutes(1));
    Incident silent = incident("Circuit breaker reporter silent");
    assertThat(silent.lossOfSignal()).isTrue();
    assertThat(silent.facet()).containsExactly("web-1");
    assertThat(silent.openedAt()).isEqualTo(at(19));
    assertThat(silent.isOpen()).isTrue();
  }
}
