package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Regression tests for what the second review found, each named for what it guards. */
class ReviewTwoRegressionTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void attributeNamesFirstSeenLateInALargePayloadAreEncoded() throws Exception {
    List<Map<String, ?>> events = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("eventType", "Wide");
      for (int a = 0; a < 5; a++) {
        e.put("request.header.x-" + i + "-" + a + "-trace", i * 10 + a);
      }
      events.add(e);
    }
    List<Payload<Map<String, ?>>> payloads = new EventEncoder(1000, 1_000_000).encode(events, new ArrayList<>());
    int total = 0;
    for (Payload<Map<String, ?>> p : payloads) {
      List<Map<String, Object>> decoded = EventEncoderTest.decode(p.gzipped());
      total += decoded.size();
    }
    assertThat(total).isEqualTo(1000);
  }

  @Test
  void aResponseBodyThatStallsIsBoundedByTheTimeout() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CountDownLatch release = new CountDownLatch(1);
      Thread stalling = new Thread(() -> {
        try (Socket s = server.accept()) {
          InputStream in = s.getInputStream();
          byte[] buf = new byte[8192];
          in.read(buf); // the request (small enough for one read)
          OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 202 Accepted\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n{\"req")
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          release.await(); // then nothing more, until the test ends
        } catch (IOException | InterruptedException e) {
          // the test is over
        }
      });
      stalling.setDaemon(true);
      stalling.start();
      HttpTransport transport = new HttpTransport(HttpTransport.defaultClient(), 64 * 1024);
      URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/accounts/1/events");
      assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
          assertThatThrownBy(() -> transport.post(uri, Map.of(), new byte[] {1}, Duration.ofMillis(500)))
              .isInstanceOf(java.net.http.HttpTimeoutException.class));
      release.countDown();
    }
  }

  @Test
  void closingOnAnInterruptedThreadStillDrainsAndKeepsTheInterrupt() {
    EntityStreamer streamer = EntityStreamer.builder(f.eventApi().build())
        .batching(1000, Duration.ofHours(1)).closeTimeout(Duration.ofSeconds(20)).build();
    for (int i = 0; i < 100; i++) {
      streamer.offer(Map.of("eventType", "Drain", "id", i));
    }
    Thread.currentThread().interrupt();
    streamer.close();
    assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
    assertThat(f.fake.events("Drain")).hasSize(100);
    assertThat(streamer.stats().droppedOnClose()).isZero();
  }

  @Test
  void monitorAttributesAreCheckedAgainstBothIngestPaths() {
    MetricStreamer metrics = MetricStreamer.builder(f.eventApi().build()).build();
    try {
      CircuitBreakerMonitor.Builder b = CircuitBreakerMonitor.builder(f.registry, metrics);
      assertThatThrownBy(() -> b.attribute("count", 3)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'count'");
      assertThatThrownBy(() -> b.attribute("ratio", Double.NaN)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'ratio'");
      assertThatThrownBy(() -> b.attribute("long", "x".repeat(4097))).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.attribute("n".repeat(256), "x")).isInstanceOf(IllegalArgumentException.class);
    } finally {
      metrics.close();
    }
  }

  @Test
  void noDimensionalMetricIsSentAfterTheMonitorCloses() throws Exception {
    f.registry.breaker("payments");
    // Each request is held 300 ms, so at close() one is in flight and a later report is queued.
    f.fake.faults().always(Api.METRICS, Fault.latency(Duration.ofMillis(300)));
    RecordingHttpClient http = new RecordingHttpClient();
    MetricApiClient dimensional = MetricApiClient.builder(f.config).registry(f.registry).httpClient(http).build();
    try (MetricStreamer metrics = MetricStreamer.builder(f.eventApi().build()).build()) {
      CircuitBreakerMonitor monitor = CircuitBreakerMonitor.builder(f.registry, metrics)
          .dimensionalMetrics(dimensional).build();
      monitor.start(Duration.ofMillis(20));
      assertThat(f.fake.awaitRequests(Api.METRICS, 1, Duration.ofSeconds(20))).isTrue();
      monitor.close();
      // Counted by the client, not the fake: the fake records a request only once its 300 ms are
      // up, so a request sent while close() ran is recorded after close() returns.
      int sentBeforeClose = http.started();
      assertThat(http.inFlight()).as("Metric API requests still in flight after close()").isZero();
      assertThat(f.fake.awaitRequests(Api.METRICS, sentBeforeClose + 1, Duration.ofSeconds(1))).isFalse();
      assertThat(http.started()).as("Metric API requests started after close()").isEqualTo(sentBeforeClose);
    }
  }

  @Test
  void anOverlongRetryAfterGivesThePayloadBackInsteadOfSleepingForDays() {
    f.fake.faults().next(Api.EVENTS, 1, Fault.status(429).withRetryAfter(Duration.ofDays(2)));
    DeliveryReport report = f.eventApi().build().send(List.of(Map.of("eventType", "T")));
    assertThat(f.sleeps).isEmpty();
    assertThat(report.undelivered()).hasSize(1);
    assertThat(report.undeliveredReason()).contains("Retry-After");
  }

  @Test
  void noRetryWaitOnceTheBreakerHasOpenedAndOnlyRealRetriesCount() {
    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    EventApiClient client = f.eventApi().build();
    DeliveryReport report = client.send(List.of(Map.of("eventType", "T")));
    assertThat(client.breaker().state()).isEqualTo(CircuitState.OPEN);
    assertThat(f.fake.requests(Api.EVENTS)).hasSize(3);
    assertThat(f.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(report.retries()).isEqualTo(2);
  }

  @Test
  void aFailedBuildStartsNoThreads() {
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
    registry.breaker(CircuitBreakerConfig.builder("metric-api").failureThreshold(9).build());
    Set<String> before = threadNames();
    assertThatThrownBy(() -> BreakwaterNewRelic.builder(f.config).registry(registry)
        .dimensionalMetrics(true).build()).isInstanceOf(IllegalArgumentException.class);
    Set<String> after = threadNames();
    after.removeAll(before);
    assertThat(after).noneMatch(n -> n.startsWith("breakwater-"));
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .map(Thread::getName).collect(Collectors.toSet());
  }
}
