package dev.breakwater.testkit;

import static dev.breakwater.testkit.Http.json;
import static dev.breakwater.testkit.Http.post;
import static dev.breakwater.testkit.NerdGraphTest.NRQL;
import static dev.breakwater.testkit.NerdGraphTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private static final String EVENTS = "/v1/accounts/1234567/events";
  private static final String EVENT = "[{\"eventType\":\"A\"}]";
  private static final String METRIC = "[{\"metrics\":[{\"name\":\"m\",\"value\":1}]}]";

  private final ManualTicker ticker = ManualTicker.create();
  private final FakeNewRelic fake = FakeNewRelic.builder().ticker(ticker).start();

  @AfterEach
  void close() {
    fake.close();
  }

  private HttpResponse<String> sendEvent() throws Exception {
    return post(fake.eventApiUrl(), EVENTS, EVENT, "Api-Key", fake.licenseKey());
  }

  private HttpResponse<String> sendMetric() throws Exception {
    return post(fake.metricApiUrl(), "/metric/v1", METRIC, "Api-Key", fake.licenseKey());
  }

  private HttpResponse<String> sendNrql() throws Exception {
    return post(fake.nerdGraphUrl(), "/graphql", request(NRQL, "accountId", fake.accountId(),
        "query", "SELECT count(*) FROM A"), "API-Key", fake.userKey());
  }

  @Test
  void statusFaultAnswersWithAPlausibleBodyPerApiAndStoresNothing() throws Exception {
    fake.faults().next(Api.EVENTS, 1, Fault.status(503)).next(Api.METRICS, 1, Fault.status(500))
        .next(Api.NERDGRAPH, 1, Fault.status(502));

    HttpResponse<String> event = sendEvent();
    HttpResponse<String> metric = sendMetric();
    HttpResponse<String> nerdGraph = sendNrql();

    assertThat(event.statusCode()).isEqualTo(503);
    assertThat(json(event).get("success").asBoolean()).isFalse();
    assertThat(metric.statusCode()).isEqualTo(500);
    assertThat(json(metric).get("requestId").asText()).isNotBlank();
    assertThat(nerdGraph.statusCode()).isEqualTo(502);
    assertThat(json(nerdGraph).at("/errors/0/message").asText()).isNotBlank();
    assertThat(fake.events()).isEmpty();
    assertThat(fake.metrics()).isEmpty();
    assertThat(fake.requests()).extracting(ReceivedRequest::status).containsExactly(503, 500, 502);
    assertThat(fake.requests().get(0).body()).isEqualTo(EVENT);
  }

  @Test
  void aStatusFaultAfterADelayHangsThenFailsAndStoresNothing() throws Exception {
    fake.faults().next(Api.EVENTS, 1, Fault.status(504).afterDelay(Duration.ofMillis(50)));

    HttpResponse<String> event = sendEvent();

    assertThat(event.statusCode()).isEqualTo(504);
    assertThat(fake.events()).isEmpty();
    assertThat(Fault.status(504).afterDelay(Duration.ofSeconds(3)))
        .hasToString("after 3000 ms, HTTP 504");
    assertThatThrownBy(() -> Fault.latency(Duration.ZERO).afterDelay(Duration.ZERO))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unauthorizedFaultOnNerdGraphSendsTheBadApiKeyBody() throws Exception {
    fake.faults().next(Api.NERDGRAPH, 1, Fault.status(401));

    HttpResponse<String> response = sendNrql();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).at("/errors/0/extensions/error_code").asText())
        .isEqualTo("BAD_API_KEY");
  }

  @Test
  void retryAfterIsSentInWholeSeconds() throws Exception {
    fake.faults().next(Api.EVENTS, 1,
        Fault.status(429).withRetryAfter(Duration.ofMillis(1500)));

    HttpResponse<String> response = sendEvent();

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("2");
  }

  @Test
  void noContentStatusIsSentWithoutBody() throws Exception {
    fake.faults().next(Api.METRICS, 1, Fault.status(204));

    HttpResponse<String> response = sendMetric();

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void latencyDelaysTheAnswerThenHandlesTheRequestNormally() throws Exception {
    fake.faults().next(Api.EVENTS, 1, Fault.latency(Duration.ofMillis(200)));

    long start = System.nanoTime();
    HttpResponse<String> response = sendEvent();
    long elapsed = System.nanoTime() - start;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(elapsed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    assertThat(fake.events()).hasSize(1);
    assertThat(fake.requests()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(200));
  }

  @Test
  void aSlowRequestDoesNotHoldUpOthersAndCloseCutsItOff() throws Exception {
    fake.faults().next(Api.NERDGRAPH, 1, Fault.latency(Duration.ofMinutes(5)));
    CompletableFuture<HttpResponse<String>> slow = Http.CLIENT.sendAsync(
        Http.request(fake.nerdGraphUrl(), "/graphql", request(NRQL, "accountId",
            fake.accountId(), "query", "SELECT count(*) FROM A").getBytes(StandardCharsets.UTF_8),
            "API-Key", fake.userKey()), HttpResponse.BodyHandlers.ofString());
    spinUntil(() -> fake.faults().describeCurrent(Api.NERDGRAPH).isEmpty()); // slow one is held

    for (int i = 0; i < 3; i++) {
      assertThat(sendEvent().statusCode()).isEqualTo(200);
      assertThat(sendMetric().statusCode()).isEqualTo(202);
      assertThat(sendNrql().statusCode()).isEqualTo(200);
    }
    assertThat(slow).isNotDone();

    fake.close();
    assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
    assertThat(fake.events()).hasSize(3);
  }

  /** Busy-waits (no sleeping) for a condition that server threads will make true soon. */
  private static void spinUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition still false after 10 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void droppedConnectionIsAnIOExceptionForTheClientAndIsRecordedWithStatusZero()
      throws Exception {
    fake.faults().next(Api.EVENTS, 1, Fault.dropConnection());

    assertThatThrownBy(this::sendEvent).isInstanceOf(IOException.class);

    assertThat(fake.events()).isEmpty();
    assertThat(fake.requests()).singleElement().satisfies(r -> {
      assertThat(r.status()).isZero();
      assertThat(r.body()).isEqualTo(EVENT);
    });
    assertThat(sendEvent().statusCode()).isEqualTo(200);
  }

  @Test
  void graphQlErrorAnswers200WithTheErrorAtTheOperationsPath() throws Exception {
    fake.faults().next(Api.NERDGRAPH, 1,
        Fault.graphQlError("TIMEOUT", "NRDB query duration exceeded the set timeout"));

    HttpResponse<String> response = sendNrql();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(new ObjectMapper().readTree("{\"data\":null,"
        + "\"errors\":[{\"message\":\"NRDB query duration exceeded the set timeout\","
        + "\"path\":[\"actor\",\"account\",\"nrql\"],"
        + "\"extensions\":{\"errorClass\":\"TIMEOUT\"}}]}"));
    assertThat(sendNrql().statusCode()).isEqualTo(200);
    assertThat(json(sendNrql()).has("errors")).isFalse();
  }

  @Test
  void graphQlErrorOnAMutationNamesTheMutation() throws Exception {
    fake.faults().always(Api.NERDGRAPH, Fault.graphQlError("SERVER_ERROR", "boom"));

    HttpResponse<String> response = post(fake.nerdGraphUrl(), "/graphql",
        request("mutation { dashboardCreate(accountId: 1, dashboard: {}) { errors { type } } }"),
        "API-Key", fake.userKey());

    assertThat(json(response).at("/errors/0/path").toString()).isEqualTo("[\"dashboardCreate\"]");
    assertThat(fake.dashboards()).isEmpty();
  }

  @Test
  void nextBeatsDuringWhichBeatsAlwaysWithWindowsOnTheFakesTicker() throws Exception {
    fake.faults().always(Api.EVENTS, Fault.status(503))
        .during(Api.EVENTS, Duration.ofSeconds(10), Duration.ofSeconds(20), Fault.status(429))
        .next(Api.EVENTS, 1, Fault.status(500));

    assertThat(sendEvent().statusCode()).isEqualTo(500);
    assertThat(sendEvent().statusCode()).isEqualTo(503);
    ticker.advance(Duration.ofSeconds(10));
    assertThat(fake.faults().describeCurrent(Api.EVENTS))
        .contains("HTTP 429 (from 10 s until 20 s)");
    assertThat(sendEvent().statusCode()).isEqualTo(429);
    fake.faults().next(Api.EVENTS, 1, Fault.status(400));
    assertThat(sendEvent().statusCode()).isEqualTo(400);
    assertThat(sendEvent().statusCode()).isEqualTo(429);
    ticker.advance(Duration.ofSeconds(10));
    assertThat(sendEvent().statusCode()).isEqualTo(503);
    assertThat(sendMetric().statusCode()).isEqualTo(202);
    fake.faults().clear(Api.EVENTS);
    assertThat(sendEvent().statusCode()).isEqualTo(200);

    assertThat(fake.requests(Api.EVENTS)).extracting(ReceivedRequest::status)
        .containsExactly(500, 503, 429, 400, 429, 503, 200);
    assertThat(fake.requests(Api.EVENTS)).extracting(ReceivedRequest::receivedAtNanos)
        .isSorted();
    assertThat(fake.events()).hasSize(1);
  }

  @Test
  void faultsTakePrecedenceOverAuthentication() throws Exception {
    fake.faults().next(Api.EVENTS, 1, Fault.status(503));

    assertThat(post(fake.eventApiUrl(), EVENTS, EVENT, "Api-Key", "wrong").statusCode())
        .isEqualTo(503);
    assertThat(post(fake.eventApiUrl(), EVENTS, EVENT, "Api-Key", "wrong").statusCode())
        .isEqualTo(403);
  }
}
