package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CircuitState;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import dev.breakwater.testkit.ReceivedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every status-code path of the ingest specification, against FakeNewRelic over loopback. */
class EventApiClientTest {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private final Fixture f = new Fixture();
  private final EventApiClient client = f.eventApi().build();

  @AfterEach
  void close() {
    f.close();
  }

  static List<Map<String, ?>> events(int n) {
    List<Map<String, ?>> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("eventType", "TestEvent");
      e.put("id", i);
      events.add(e);
    }
    return events;
  }

  private List<ReceivedRequest> requests() {
    return f.fake.requests(Api.EVENTS);
  }

  private Set<String> requestIds() {
    return requests().stream().map(r -> r.requestId().orElseThrow()).collect(Collectors.toSet());
  }

  private CircuitBreakerStats breakerStats() {
    return client.breaker().stats();
  }

  @Test
  void sendsGzippedJsonWithTheLicenseKeyAndARequestId() {
    DeliveryReport report = client.send(events(3));
    assertThat(report.complete()).isTrue();
    assertThat(report.delivered()).isEqualTo(3);
    assertThat(f.fake.events("TestEvent")).extracting(e -> e.get("id")).containsExactly(0, 1, 2);
    ReceivedRequest r = requests().get(0);
    assertThat(r.path()).isEqualTo("/v1/accounts/" + f.fake.accountId() + "/events");
    assertThat(r.header("Api-Key")).contains(Canary.LICENSE_KEY);
    assertThat(r.header("Content-Encoding")).contains("gzip");
    assertThat(r.header("Content-Type")).contains("application/json");
    assertThat(r.requestId()).hasValueSatisfying(id -> assertThat(id).matches(UUID));
    assertThat(breakerStats().totalSuccesses()).isEqualTo(1);
    assertThat(client.breaker().name()).isEqualTo("event-api");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 409, 410, 411})
  void refusalsAreDroppedOnceNeverRetriedAndNeverCountAgainstTheBreaker(int status) {
    f.fake.faults().next(Api.EVENTS, 1, Fault.status(status));
    DeliveryReport report = client.send(events(2));
    assertThat(report.dropped()).hasSize(2)
        .allSatisfy(d -> assertThat(d.reason()).isEqualTo("HTTP " + status + " from the Event API"));
    assertThat(report.undelivered()).isEmpty();
    assertThat(requests()).hasSize(1);
    assertThat(f.sleeps).isEmpty();
    assertThat(breakerStats().totalFailures()).isZero();
    assertThat(breakerStats().totalIgnored()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 500, 502, 503, 504})
  void transientStatusesAreRetriedWithBackoffUnderOneRequestId(int status) {
    f.fake.faults().next(Api.EVENTS, 2, Fault.status(status));
    DeliveryReport report = client.send(events(4));
    assertThat(report.complete()).isTrue();
    assertThat(report.retries()).isEqualTo(2);
    assertThat(requests()).extracting(ReceivedRequest::status).containsExactly(status, status, 200);
    assertThat(requestIds()).hasSize(1);
    assertThat(f.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(f.fake.events("TestEvent")).hasSize(4);
    assertThat(breakerStats().totalFailures()).isEqualTo(2);
    assertThat(breakerStats().totalSuccesses()).isEqualTo(1);
  }

  @Test
  void rateLimitingWaitsAsRetryAfterSays() {
    f.fake.faults().next(Api.EVENTS, 1, Fault.status(429).withRetryAfter(Duration.ofSeconds(7)));
    assertThat(client.send(events(1)).complete()).isTrue();
    assertThat(f.sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(requestIds()).hasSize(1);
    assertThat(breakerStats().totalFailures()).isEqualTo(1);
  }

  @Test
  void rateLimitingWithoutRetryAfterBacksOff() {
    f.fake.faults().next(Api.EVENTS, 1, Fault.status(429));
    assertThat(client.send(events(1)).complete()).isTrue();
    assertThat(f.sleeps).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void payloadTooLargeIsSplitInTwoAndEachHalfIsANewPayload() {
    f.fake.faults().next(Api.EVENTS, 1, Fault.status(413));
    DeliveryReport report = client.send(events(10));
    assertThat(report.complete()).isTrue();
    assertThat(requests()).extracting(ReceivedRequest::status).containsExactly(413, 200, 200);
    assertThat(requestIds()).hasSize(3);
    assertThat(f.fake.events("TestEvent")).extracting(e -> e.get("id"))
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(breakerStats().totalFailures()).isZero();
    assertThat(f.sleeps).isEmpty();
  }

  @Test
  void splitsDownToSingleEventsAndDropsEachThatStillGets413() {
    f.fake.faults().always(Api.EVENTS, Fault.status(413));
    DeliveryReport report = client.send(events(4));
    assertThat(requests()).hasSize(7); // 4, then 2 + 2, then 1 + 1 + 1 + 1
    assertThat(report.dropped()).hasSize(4).allSatisfy(d ->
        assertThat(d.reason()).isEqualTo("HTTP 413 from the Event API: the event alone is too large"));
    assertThat(report.delivered()).isZero();
    assertThat(report.undelivered()).isEmpty();
  }

  @Test
  void aDroppedConnectionIsAnIoFailureAndRetried() {
    f.fake.faults().next(Api.EVENTS, 1, Fault.dropConnection());
    assertThat(client.send(events(2)).complete()).isTrue();
    assertThat(f.sleeps).containsExactly(Duration.ofSeconds(1));
    assertThat(breakerStats().totalFailures()).isEqualTo(1);
    assertThat(breakerStats().lastError()).hasValueSatisfying(e -> assertThat(e).contains("I/O error").doesNotContain(Canary.LICENSE_KEY));
  }

  @Test
  void aSlowAnswerPastTheBreakersTimeoutCountsAsATimeoutAndIsRetried() {
    CircuitBreaker fast = CircuitBreaker.of(EventApiClient.defaultBreakerConfig().toBuilder()
        .timeout(Duration.ofMillis(300)).build());
    EventApiClient c = f.eventApi().breaker(fast).build();
    f.fake.faults().next(Api.EVENTS, 1, Fault.latency(Duration.ofSeconds(10)));
    assertThat(c.send(events(1)).complete()).isTrue();
    assertThat(fast.stats().totalTimeouts()).isEqualTo(1);
    assertThat(fast.stats().totalSuccesses()).isEqualTo(1);
  }

  @Test
  void whenRetriesRunOutTheEventsComeBackUndelivered() {
    EventApiClient c = f.eventApi().maxRetries(1).build();
    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    DeliveryReport report = c.send(events(3));
    assertThat(report.undelivered()).hasSize(3);
    assertThat(report.undeliveredReason()).isEqualTo("retries exhausted (HTTP 503)");
    assertThat(requests()).hasSize(2);
    assertThat(requestIds()).hasSize(1);
    assertThat(f.sleeps).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void anOpenCircuitStopsRetriesAndKeepsTheRestForLater() {
    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    EventApiClient c = f.eventApi().maxEventsPerPayload(2).build();
    DeliveryReport report = c.send(events(6));
    assertThat(requests()).hasSize(3); // event-api opens after 3 consecutive failures
    assertThat(c.breaker().state()).isEqualTo(CircuitState.OPEN);
    assertThat(report.undelivered()).extracting(e -> (Object) e.get("id")).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(report.undeliveredReason()).isEqualTo("circuit breaker 'event-api' is OPEN after: HTTP 503");
  }

  @Test
  void retryBudgetsArePerPayload() {
    EventApiClient c = f.eventApi().maxEventsPerPayload(5).maxRetries(2).build();
    // Each payload fails twice, then goes through; a budget shared by the process would run out.
    f.fake.faults().next(Api.EVENTS, 2, Fault.status(500));
    f.fake.faults().next(Api.EVENTS, 1, Fault.status(202));
    f.fake.faults().next(Api.EVENTS, 2, Fault.status(500));
    DeliveryReport report = c.send(events(10));
    assertThat(report.delivered()).isEqualTo(10);
    assertThat(report.retries()).isEqualTo(4);
    assertThat(requestIds()).hasSize(2);
  }

  @Test
  void invalidEventsAreRejectedWithReasonsAndNeverSinkTheBatch() {
    List<Map<String, ?>> batch = new ArrayList<>(events(2));
    batch.add(1, Map.of("id", 99));
    batch.add(Map.of("eventType", "TestEvent", "tags", Map.of("k", "v")));
    DeliveryReport report = client.send(batch);
    assertThat(report.delivered()).isEqualTo(2);
    assertThat(report.rejected()).extracting(DeliveryReport.Rejection::reason)
        .containsExactly("eventType is missing",
            "attribute 'tags' is nested (a map); values must be strings, numbers or booleans");
    assertThat(requests()).hasSize(1);
    assertThat(f.fake.events("TestEvent")).hasSize(2);
  }

  @Test
  void aBatchOfOnlyInvalidEventsSendsNothing() {
    DeliveryReport report = client.send(List.of(Map.of("eventType", "Bad Type")));
    assertThat(report.rejected()).hasSize(1);
    assertThat(requests()).isEmpty();
  }

  @Test
  void eachPayloadHasItsOwnRequestId() {
    EventApiClient c = f.eventApi().maxEventsPerPayload(3).build();
    assertThat(c.send(events(7)).payloads()).isEqualTo(3);
    assertThat(requestIds()).hasSize(3);
  }

  @Test
  void toStringShowsNoKey() {
    assertThat(client.toString()).doesNotContain(Canary.LICENSE_KEY);
    assertThat(f.config.toString()).doesNotContain(Canary.LICENSE_KEY, Canary.USER_KEY);
  }
}
