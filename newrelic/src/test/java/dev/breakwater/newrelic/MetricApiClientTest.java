package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import dev.breakwater.testkit.ReceivedMetric;
import dev.breakwater.testkit.ReceivedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dimensional metrics through the Metric API, against FakeNewRelic. */
class MetricApiClientTest {
  private final Fixture f = new Fixture();
  private final long now = System.currentTimeMillis();
  private final MetricApiClient client = MetricApiClient.builder(f.config).registry(f.registry)
      .commonAttribute("service", "checkout").sleeper(f.sleeps::add).build();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void sendsGaugesCountsAndSummariesWithTheCommonBlock() {
    MetricReport report = client.send(List.of(
        Metric.gauge("queue.depth", 42, now, Map.of("queue", "orders")),
        Metric.count("requests", 7, now, Duration.ofSeconds(10), Map.of("code", "200")),
        Metric.summary("latency", 5, 12.5, 0.5, 6.0, now, Duration.ofSeconds(10), Map.of())));
    assertThat(report.complete()).isTrue();
    assertThat(report.delivered()).isEqualTo(3);
    List<ReceivedMetric> received = f.fake.metrics();
    assertThat(received).extracting(ReceivedMetric::name).containsExactly("queue.depth", "requests", "latency");
    assertThat(received).allSatisfy(m -> assertThat(m.attributes()).containsEntry("service", "checkout"));
    assertThat(received.get(0).type()).isEqualTo("gauge");
    assertThat(received.get(0).value().asDouble()).isEqualTo(42.0);
    assertThat(received.get(1).intervalMs()).isEqualTo(10_000L);
    assertThat(received.get(2).value().get("max").asDouble()).isEqualTo(6.0);
    ReceivedRequest r = f.fake.requests(Api.METRICS).get(0);
    assertThat(r.path()).isEqualTo("/metric/v1");
    assertThat(r.header("Api-Key")).contains(Canary.LICENSE_KEY);
    assertThat(r.requestId()).isPresent();
    assertThat(client.breaker().name()).isEqualTo("metric-api");
  }

  @Test
  void followsTheSameIngestRulesAsTheEventApi() {
    f.fake.faults().next(Api.METRICS, 1, Fault.status(503)).next(Api.METRICS, 1, Fault.status(413));
    List<Metric> metrics = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      metrics.add(Metric.gauge("g" + i, i, now, Map.of()));
    }
    MetricReport report = client.send(metrics);
    assertThat(report.complete()).isTrue();
    assertThat(report.retries()).isEqualTo(1);
    assertThat(f.sleeps).containsExactly(Duration.ofSeconds(1));
    assertThat(f.fake.requests(Api.METRICS)).extracting(ReceivedRequest::status).containsExactly(503, 413, 202, 202);
    assertThat(f.fake.metrics()).hasSize(4);
    assertThat(client.breaker().stats().totalFailures()).isEqualTo(1);
  }

  @Test
  void refusedMetricsAreDroppedNotRetried() {
    f.fake.faults().next(Api.METRICS, 1, Fault.status(400));
    MetricReport report = client.send(List.of(Metric.gauge("g", 1, now, Map.of())));
    assertThat(report.dropped()).hasSize(1);
    assertThat(f.fake.requests(Api.METRICS)).hasSize(1);
  }

  @Test
  void metricsAreCheckedAgainstTheApisLimitsWhenMade() {
    assertThatThrownBy(() -> Metric.gauge(" ", 1, now, Map.of())).hasMessage("metric name must not be blank");
    assertThatThrownBy(() -> Metric.gauge("g", Double.NaN, now, Map.of()))
        .hasMessage("metric value must be a finite number, was NaN");
    assertThatThrownBy(() -> Metric.count("c", 1, now, Duration.ZERO, Map.of()))
        .hasMessage("interval must be > 0, was PT0S");
    assertThatThrownBy(() -> Metric.gauge("g", 1, now, Map.of("interval.ms", 5)))
        .hasMessage("metric 'g': attribute name 'interval.ms' is reserved");
    assertThatThrownBy(() -> Metric.gauge("g", 1, now, Map.of("g", 5)))
        .hasMessage("metric 'g': attribute name 'g' is reserved");
    assertThatThrownBy(() -> Metric.gauge("g", 1, now, Map.of("tags", List.of())))
        .hasMessageContaining("must be a string of at most 4096 characters, a finite number or a boolean");
    assertThatThrownBy(() -> Metric.summary("s", -1, 0, 0, 0, now, Duration.ofSeconds(1), Map.of()))
        .hasMessage("summary count must be >= 0, was -1");
  }

  @Test
  void theMonitorCanAlsoReportDimensionalMetrics() throws Exception {
    f.registry.breaker(CircuitBreakerConfig.builder("payments").timeout(Duration.ZERO).build())
        .execute(() -> "ok");
    EventApiClient events = f.eventApi().build();
    try (MetricStreamer streamer = MetricStreamer.builder(events).build();
         CircuitBreakerMonitor monitor = CircuitBreakerMonitor.builder(f.registry, streamer)
             .attribute("service", "checkout").dimensionalMetrics(client).build()) {
      monitor.start(Duration.ofMillis(50));
      assertThat(f.fake.awaitRequests(Api.METRICS, 2, Duration.ofSeconds(20))).isTrue();
    }
    assertThat(f.fake.metrics()).anySatisfy(m -> {
      assertThat(m.name()).isEqualTo("circuitbreaker.state");
      assertThat(m.attributes()).containsEntry("breakerName", "payments").containsEntry("state", "CLOSED")
          .containsEntry("service", "checkout");
      assertThat(m.value().asDouble()).isZero();
    });
    assertThat(f.fake.metrics()).anySatisfy(m -> {
      assertThat(m.name()).isEqualTo("circuitbreaker.calls");
      assertThat(m.type()).isEqualTo("count");
      assertThat(m.intervalMs()).isPositive();
    });
  }
}
