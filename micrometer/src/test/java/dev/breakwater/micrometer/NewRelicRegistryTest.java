package dev.breakwater.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CallNotPermittedException;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.testkit.FakeNewRelic;
import io.micrometer.core.instrument.Tags;
import io.micrometer.newrelic.NewRelicConfig;
import io.micrometer.newrelic.NewRelicMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Micrometer's own New Relic registry, in Insights API mode, publishing the breaker meters to
 * {@link FakeNewRelic}'s Event API on 127.0.0.1: they arrive as {@code MicrometerSample} events
 * the fake accepts, named as New Relic's naming convention renders them.
 */
class NewRelicRegistryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final FakeNewRelic fake = FakeNewRelic.start();
  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.create();
  private final NewRelicMeterRegistry newRelic = NewRelicMeterRegistry.builder(insightsApi(fake))
      .build();

  @AfterEach
  void close() {
    newRelic.close();
    fake.close();
  }

  @Test
  void breakerMetersArriveAsEventsTheEventApiAccepts() throws Exception {
    CircuitBreaker payments = breakers.breaker(CircuitBreakerConfig.builder("payments")
        .failureThreshold(2).timeout(Duration.ZERO).build());
    new CircuitBreakerMetrics(breakers).withTags(Tags.of("service", "checkout"))
        .bindTo(newRelic);
    payments.call(() -> "ok");
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> payments.execute(() -> {
        throw new IOException("payments down");
      })).isInstanceOf(IOException.class);
    }
    assertThatThrownBy(() -> payments.call(() -> "refused"))
        .isInstanceOf(CallNotPermittedException.class);

    newRelic.close(); // publishes what it has, including the step in progress

    assertThat(fake.awaitEvents(
        events -> !metric(events, "breakwaterCircuitbreakerCalls").isEmpty(), WAIT)).isTrue();
    assertThat(fake.rejectedEvents()).isEmpty();
    List<Map<String, Object>> events = fake.events("MicrometerSample");
    assertThat(events).allSatisfy(event -> {
      assertThat(event).containsEntry("name", "payments").containsEntry("service", "checkout");
    });

    // Counters and timers are sent as deltas per step and gauges as they read at each publish;
    // should a scheduled publish cross a step boundary during the test, deltas add up and
    // gauges read the same again.
    assertThat(metric(events, "breakwaterCircuitbreakerState"))
        .allSatisfy(e -> assertThat(value(e, "value")).isEqualTo(
            e.get("state").equals("open") ? 1.0 : 0.0))
        .extracting(e -> e.get("state"))
        .containsOnly("closed", "open", "half_open", "forced_open", "disabled");
    assertThat(sum(events, "breakwaterCircuitbreakerCalls", "successful", "throughput"))
        .isEqualTo(1.0);
    assertThat(sum(events, "breakwaterCircuitbreakerCalls", "failed", "throughput"))
        .isEqualTo(2.0);
    assertThat(sum(events, "breakwaterCircuitbreakerCalls", "ignored", "throughput")).isZero();
    assertThat(sum(events, "breakwaterCircuitbreakerCalls", "timeout", "throughput")).isZero();
    assertThat(sum(events, "breakwaterCircuitbreakerNotPermittedCalls", null, "throughput"))
        .isEqualTo(1.0);
    assertThat(sum(events, "breakwaterCircuitbreakerCallDuration", null, "count")).isEqualTo(3.0);
    assertThat(metric(events, "breakwaterCircuitbreakerWindowCalls")).isNotEmpty()
        .allSatisfy(e -> assertThat(value(e, "value")).isEqualTo(3.0));
    assertThat(metric(events, "breakwaterCircuitbreakerWindowSlowCalls")).isNotEmpty()
        .allSatisfy(e -> assertThat(value(e, "value")).isZero());
    assertThat(metric(events, "breakwaterCircuitbreakerFailureRate"))
        .as("NaN (3 calls < minimumCalls 10) is left out by the New Relic registry").isEmpty();
  }

  private static List<Map<String, Object>> metric(List<Map<String, Object>> events, String name) {
    return events.stream().filter(e -> name.equals(e.get("metricName"))).toList();
  }

  private static double sum(List<Map<String, Object>> events, String metricName, String kind,
      String attribute) {
    return metric(events, metricName).stream()
        .filter(e -> kind == null || kind.equals(e.get("kind")))
        .mapToDouble(e -> value(e, attribute))
        .sum();
  }

  private static double value(Map<String, Object> event, String attribute) {
    return ((Number) event.get(attribute)).doubleValue();
  }

  private static NewRelicConfig insightsApi(FakeNewRelic fake) {
    return new NewRelicConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public String apiKey() {
        return fake.licenseKey();
      }

      @Override
      public String accountId() {
        return Long.toString(fake.accountId());
      }

      @Override
      public String uri() {
        return fake.eventApiUrl().toString();
      }
    };
  }
}
