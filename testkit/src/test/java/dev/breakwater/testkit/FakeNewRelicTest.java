package dev.breakwater.testkit;

import static dev.breakwater.testkit.Http.json;
import static dev.breakwater.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeNewRelicTest {
  private static final String EVENTS = "/v1/accounts/1234567/events";

  private final ManualTicker ticker = ManualTicker.create();
  private final FakeNewRelic fake = FakeNewRelic.builder().ticker(ticker).start();

  @AfterEach
  void close() {
    fake.close();
  }

  private int sendEvents(String json) throws Exception {
    return post(fake.eventApiUrl(), EVENTS, json, "Api-Key", fake.licenseKey()).statusCode();
  }

  @Test
  void itsEnvironmentPointsAClientAtIt() {
    assertThat(fake.environment()).containsExactly(
        entry("NEW_RELIC_ACCOUNT_ID", "1234567"),
        entry("NEW_RELIC_LICENSE_KEY", fake.licenseKey()),
        entry("NEW_RELIC_API_KEY", fake.userKey()),
        entry("NEW_RELIC_EVENT_API_URL", fake.baseUri().toString()),
        entry("NEW_RELIC_METRIC_API_URL", fake.baseUri().toString()),
        entry("NEW_RELIC_NERDGRAPH_URL", fake.baseUri().toString()));
    assertThatThrownBy(() -> fake.environment().put("NEW_RELIC_REGION", "EU"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void startsOnLoopbackWithTheDocumentedDefaults() {
    try (FakeNewRelic defaults = FakeNewRelic.start()) {
      assertThat(defaults.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
      assertThat(defaults.eventApiUrl()).isEqualTo(defaults.baseUri());
      assertThat(defaults.metricApiUrl()).isEqualTo(defaults.baseUri());
      assertThat(defaults.nerdGraphUrl()).isEqualTo(defaults.baseUri());
      assertThat(defaults.accountId()).isEqualTo(1234567L);
      assertThat(defaults.licenseKey()).isEqualTo("fake-license-key-0000");
      assertThat(defaults.userKey()).isEqualTo("fake-user-key-0000");
      assertThat(defaults.baseUri()).isNotEqualTo(fake.baseUri());
    }
  }

  @Test
  void builderSetsAccountAndKeys() throws Exception {
    try (FakeNewRelic custom = FakeNewRelic.builder().accountId(42).licenseKey("lk")
        .userKey("uk").start()) {
      assertThat(post(custom.eventApiUrl(), "/v1/accounts/42/events", "[{\"eventType\":\"A\"}]",
          "Api-Key", "lk").statusCode()).isEqualTo(200);
      assertThat(post(custom.nerdGraphUrl(), "/graphql", "{}", "API-Key", "uk").statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void builderRejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> FakeNewRelic.builder().accountId(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accountId must be positive, was 0");
    assertThatThrownBy(() -> FakeNewRelic.builder().licenseKey(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("licenseKey");
    assertThatThrownBy(() -> FakeNewRelic.builder().userKey(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("userKey");
    assertThatThrownBy(() -> FakeNewRelic.builder().ticker(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> FakeNewRelic.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void toStringNeverShowsTheKeys() throws Exception {
    sendEvents("[{\"eventType\":\"A\"}]");

    assertThat(fake.toString()).contains(fake.baseUri().toString())
        .doesNotContain(fake.licenseKey()).doesNotContain(fake.userKey());
    assertThat(fake.requests().get(0).toString()).contains("POST", EVENTS, "200")
        .doesNotContain(fake.licenseKey());
  }

  @Test
  void recordsRequestsInArrivalOrderWithHeadersAndTickerTime() throws Exception {
    long start = ticker.read();
    sendEvents("[{\"eventType\":\"A\"}]");
    ticker.advance(Duration.ofSeconds(3));
    post(fake.metricApiUrl(), "/metric/v1", "[]", "Api-Key", fake.licenseKey(),
        "X-Request-Id", "rid-1");

    assertThat(fake.requests()).extracting(ReceivedRequest::api)
        .containsExactly(Api.EVENTS, Api.METRICS);
    ReceivedRequest metrics = fake.requests(Api.METRICS).get(0);
    assertThat(metrics.method()).isEqualTo("POST");
    assertThat(metrics.path()).isEqualTo("/metric/v1");
    assertThat(metrics.status()).isEqualTo(202);
    assertThat(metrics.receivedAtNanos() - start).isEqualTo(3_000_000_000L);
    assertThat(metrics.requestId()).contains("rid-1");
    assertThat(metrics.header("API-KEY")).contains(fake.licenseKey());
    assertThat(metrics.headers().get("content-type")).containsExactly("application/json");
    assertThat(metrics.header("X-Absent")).isEmpty();
    assertThat(fake.requests(Api.NERDGRAPH)).isEmpty();
  }

  @Test
  void servesADefaultClientThatOffersAnHttp2Upgrade() throws Exception {
    HttpClient http2 = HttpClient.newHttpClient();

    HttpResponse<String> response = http2.send(Http.request(fake.eventApiUrl(), EVENTS,
        "[{\"eventType\":\"A\"}]".getBytes(StandardCharsets.UTF_8), "Api-Key",
        fake.licenseKey()), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(fake.events()).hasSize(1);
  }

  @Test
  void answersUnknownPathsWith404WithoutRecordingThem() throws Exception {
    HttpResponse<String> response = post(fake.baseUri(), "/v1/events", "[]");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).contains("/v1/events");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void eventsCanBeFilteredByType() throws Exception {
    sendEvents("[{\"eventType\":\"A\",\"n\":1},{\"eventType\":\"B\"},"
        + "{\"eventType\":\"A\",\"n\":2}]");

    assertThat(fake.events("A")).extracting(e -> e.get("n")).containsExactly(1, 2);
    assertThat(fake.events("C")).isEmpty();
    assertThatThrownBy(() -> fake.events().get(0).put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void awaitEventsWaitsForEventsSentFromAnotherThread() throws Exception {
    CompletableFuture<Integer> sender = CompletableFuture.supplyAsync(() -> {
      try {
        sendEvents("[{\"eventType\":\"A\"}]");
        return sendEvents("[{\"eventType\":\"B\"}]");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(fake.awaitEvents(events -> events.stream()
        .anyMatch(e -> "B".equals(e.get("eventType"))), Duration.ofSeconds(10))).isTrue();
    assertThat(fake.awaitEventCount(2, Duration.ofSeconds(10))).isTrue();
    assertThat(fake.awaitRequests(Api.EVENTS, 2, Duration.ofSeconds(10))).isTrue();
    assertThat(sender.get(10, TimeUnit.SECONDS)).isEqualTo(200);
  }

  @Test
  void awaitReturnsFalseOnTimeout() throws Exception {
    sendEvents("[{\"eventType\":\"A\"}]");

    assertThat(fake.awaitEventCount(1, Duration.ZERO)).isTrue();
    assertThat(fake.awaitEventCount(2, Duration.ofMillis(50))).isFalse();
    assertThat(fake.awaitRequests(Api.METRICS, 1, Duration.ZERO)).isFalse();
    assertThatThrownBy(() -> fake.awaitEventCount(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
  }

  @Test
  void awaitIsInterruptible() {
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> fake.awaitEventCount(1, Duration.ofSeconds(10)))
        .isInstanceOf(InterruptedException.class);
  }

  @Test
  void clearForgetsWhatWasReceivedButKeepsTheFaults() throws Exception {
    sendEvents("[{\"eventType\":\"A\"},{\"eventType\":\"Metric\"}]");
    post(fake.metricApiUrl(), "/metric/v1", "[{\"metrics\":[{\"name\":\"m\",\"value\":1}]}]",
        "Api-Key", fake.licenseKey());
    post(fake.nerdGraphUrl(), "/graphql", NerdGraphTest.request("mutation($accountId: Int!,"
        + " $dashboard: DashboardInput!) { dashboardCreate(accountId: $accountId,"
        + " dashboard: $dashboard) { errors { type } } }", "accountId", fake.accountId(),
        "dashboard", DashboardTest.dashboard("D", "P")), "API-Key", fake.userKey());
    fake.faults().always(Api.METRICS, Fault.status(503));
    assertThat(fake.rejectedEvents()).hasSize(1);
    assertThat(fake.dashboards()).hasSize(1);

    fake.clear();

    assertThat(fake.requests()).isEmpty();
    assertThat(fake.events()).isEmpty();
    assertThat(fake.rejectedEvents()).isEmpty();
    assertThat(fake.metrics()).isEmpty();
    assertThat(fake.dashboards()).isEmpty();
    assertThat(fake.faults().describeCurrent(Api.METRICS)).contains("HTTP 503 (always)");
  }

  @Test
  void closeStopsTheServerAndIsIdempotent() throws Exception {
    URI base = fake.baseUri();
    sendEvents("[{\"eventType\":\"A\"}]");

    fake.close();
    fake.close();

    assertThatThrownBy(() -> post(base, EVENTS, "[]", "Api-Key", fake.licenseKey()))
        .isInstanceOf(IOException.class);
    assertThat(fake.events()).hasSize(1);
    assertThat(fake.toString()).contains("closed");
  }
}
