package dev.breakwater.testkit;

import static dev.breakwater.testkit.AlertOperationsTest.CONDITION_CREATE;
import static dev.breakwater.testkit.AlertOperationsTest.POLICY_CREATE;
import static dev.breakwater.testkit.Http.json;
import static dev.breakwater.testkit.Http.post;
import static dev.breakwater.testkit.NerdGraphTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake evaluates stored NRQL conditions over the events it receives, on its own clock: here a
 * manual one, so every incident opens and closes at a moment the test can name.
 */
class AlertEvaluationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private final ManualTicker ticker = ManualTicker.create();
  private final Clock clock = ticker.asClock(T0);
  private final FakeNewRelic fake = FakeNewRelic.builder().ticker(ticker).clock(clock).start();

  @AfterEach
  void close() {
    fake.close();
  }

  private void condition(String json) throws Exception {
    JsonNode policy = json(post(fake.nerdGraphUrl(), "/graphql", request(POLICY_CREATE,
        "accountId", fake.accountId(), "policy", MAPPER.readTree(
            "{\"name\":\"Circuit Breaker Health\",\"incidentPreference\":\"PER_POLICY\"}")),
        "API-Key", fake.userKey()));
    JsonNode created = json(post(fake.nerdGraphUrl(), "/graphql", request(CONDITION_CREATE,
        "accountId", fake.accountId(), "policyId", policy.at("/data/alertsPolicyCreate/id").asText(),
        "condition", MAPPER.readTree(json)), "API-Key", fake.userKey()));
    assertThat(created.has("errors")).as(created.toString()).isFalse();
  }

  /** The breaker's report at the clock's current time, then half a minute passes. */
  private void report(String state) throws Exception {
    ObjectNode event = MAPPER.createObjectNode().put("eventType", "CircuitBreakerMetric")
        .put("breakerName", "payments").put("host", "h1").put("state", state)
        .put("timestamp", clock.millis());
    assertThat(post(fake.eventApiUrl(), "/v1/accounts/events", "[" + event + "]", "Api-Key",
        fake.licenseKey()).statusCode()).isEqualTo(200);
    ticker.advance(Duration.ofSeconds(30));
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void anOpenForOneMinuteConditionOpensExactlyWhenExpectedAndClosesOnRecovery() throws Exception {
    condition("{\"name\":\"Breaker open\",\"enabled\":true,\"nrql\":{\"query\":"
        + "\"SELECT percentage(count(*), WHERE state IN ('OPEN', 'HALF_OPEN'))"
        + " FROM CircuitBreakerMetric FACET breakerName, host\"},"
        + "\"terms\":[{\"operator\":\"ABOVE\",\"priority\":\"CRITICAL\",\"threshold\":0,"
        + "\"thresholdDuration\":60,\"thresholdOccurrences\":\"ALL\"}],"
        + "\"signal\":{\"aggregationWindow\":60,\"aggregationMethod\":\"EVENT_FLOW\","
        + "\"aggregationDelay\":120,\"fillOption\":\"LAST_VALUE\"}}");

    // Windows of a minute: [0,60) closed, [60,120) open, [120,...) closed again. With EVENT_FLOW
    // and a delay of 120 s, a window is evaluated when a report 120 s past its end arrives.
    report("CLOSED"); // 0
    report("CLOSED"); // 30
    report("OPEN"); // 60
    report("OPEN"); // 90
    report("CLOSED"); // 120
    report("CLOSED"); // 150
    report("CLOSED"); // 180: evaluates [0,60), 0 %
    report("CLOSED"); // 210
    assertThat(fake.incidents()).isEmpty();

    report("CLOSED"); // 240: evaluates [60,120), 100 %
    List<Incident> open = fake.incidents();
    assertThat(open).singleElement().satisfies(i -> {
      assertThat(i.conditionName()).isEqualTo("Breaker open");
      assertThat(i.facet()).containsExactly("payments", "h1");
      assertThat(i.priority()).isEqualTo("CRITICAL");
      assertThat(i.lossOfSignal()).isFalse();
      assertThat(i.openedAt()).isEqualTo(at(240));
      assertThat(i.isOpen()).isTrue();
      assertThat(i.value()).hasValue(100.0);
    });

    report("CLOSED"); // 270
    assertThat(fake.incidents().get(0).isOpen()).isTrue();
    report("CLOSED"); // 300: evaluates [120,180), 0 %: recovered
    assertThat(fake.incidents()).singleElement().satisfies(i -> {
      assertThat(i.isOpen()).isFalse();
      assertThat(i.closedAt()).contains(at(300));
    });
  }

  @Test
  void aSilentSignalOpensALossOfSignalIncidentAtItsExpirationAndDataClosesIt() throws Exception {
    condition("{\"name\":\"Reporter silent\",\"enabled\":true,\"nrql\":{\"query\":"
        + "\"SELECT count(*) FROM CircuitBreakerMetric FACET host\"},"
        + "\"expiration\":{\"expirationDuration\":120,\"openViolationOnExpiration\":true}}");

    report("CLOSED"); // 0, then the clock reads 30
    ticker.advance(Duration.ofSeconds(89));
    assertThat(fake.incidents()).isEmpty();
    ticker.advance(Duration.ofSeconds(1)); // 120 s after the report arrived
    assertThat(fake.incidents()).singleElement().satisfies(i -> {
      assertThat(i.lossOfSignal()).isTrue();
      assertThat(i.facet()).containsExactly("h1");
      assertThat(i.openedAt()).isEqualTo(at(120));
      assertThat(i.value()).isEmpty();
    });

    ticker.advance(Duration.ofSeconds(30));
    report("CLOSED"); // 150
    assertThat(fake.incidents()).singleElement()
        .satisfies(i -> assertThat(i.closedAt()).contains(at(150)));
  }

  @Test
  void cadenceClosesWindowsOnTheClockAloneAndAGapNeitherOpensNorCloses() throws Exception {
    condition("{\"name\":\"Busy host\",\"enabled\":true,\"nrql\":{\"query\":"
        + "\"SELECT count(*) FROM CircuitBreakerMetric FACET host\"},"
        + "\"terms\":[{\"operator\":\"ABOVE\",\"priority\":\"WARNING\",\"threshold\":1,"
        + "\"thresholdDuration\":60,\"thresholdOccurrences\":\"AT_LEAST_ONCE\"}],"
        + "\"signal\":{\"aggregationMethod\":\"CADENCE\",\"aggregationDelay\":0}}");

    report("OPEN"); // 0
    report("OPEN"); // 30, then the clock reads 60: the window [0,60) has just ended
    assertThat(fake.incidents()).singleElement().satisfies(i -> {
      assertThat(i.priority()).isEqualTo("WARNING");
      assertThat(i.openedAt()).isEqualTo(at(60));
    });

    ticker.advance(Duration.ofMinutes(10)); // no data, no fill: nothing to decide on
    assertThat(fake.incidents().get(0).isOpen()).isTrue();
  }

  @Test
  void eventsDeliveredLateButInOrderAreEvaluatedByTheirOwnTime() throws Exception {
    condition("{\"name\":\"Breaker open\",\"enabled\":true,\"nrql\":{\"query\":"
        + "\"SELECT percentage(count(*), WHERE state = 'OPEN') FROM CircuitBreakerMetric"
        + " FACET breakerName\"},"
        + "\"terms\":[{\"operator\":\"ABOVE\",\"priority\":\"CRITICAL\",\"threshold\":0,"
        + "\"thresholdDuration\":120,\"thresholdOccurrences\":\"ALL\"}]}");

    // An Event API outage: reports made at 0..330 s arrive together at 600 s, in order.
    ticker.advance(Duration.ofSeconds(600));
    deliver(0, 330, 240);
    assertThat(fake.incidents()).singleElement().satisfies(i -> {
      assertThat(i.openedAt()).isEqualTo(at(600));
      assertThat(i.value()).hasValue(100.0);
    });

    ticker.advance(Duration.ofSeconds(60));
    deliver(360, 600, 0);
    assertThat(fake.incidents()).singleElement()
        .satisfies(i -> assertThat(i.closedAt()).contains(at(660)));
  }

  /** One request with a report every 30 s from {@code from} to {@code to}: OPEN, then CLOSED. */
  private void deliver(int from, int to, int openUntil) throws Exception {
    StringBuilder batch = new StringBuilder("[");
    for (int t = from; t <= to; t += 30) {
      batch.append(t == from ? "" : ",").append(MAPPER.createObjectNode()
          .put("eventType", "CircuitBreakerMetric").put("breakerName", "payments")
          .put("state", t < openUntil ? "OPEN" : "CLOSED")
          .put("timestamp", at(t).toEpochMilli()));
    }
    assertThat(post(fake.eventApiUrl(), "/v1/accounts/events", batch.append("]").toString(),
        "Api-Key", fake.licenseKey()).statusCode()).isEqualTo(200);
  }
}
