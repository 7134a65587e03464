package dev.breakwater.testkit;

import static dev.breakwater.testkit.Http.gzip;
import static dev.breakwater.testkit.Http.json;
import static dev.breakwater.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventApiTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final String PATH = "/v1/accounts/1234567/events";

  private final FakeNewRelic fake = FakeNewRelic.builder()
      .clock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).start();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void acceptsAGzippedPayloadAndStoresEventsWithNaturalJavaValues() throws Exception {
    String body = "[{\"eventType\":\"CircuitBreakerMetric\",\"timestamp\":" + NOW
        + ",\"breakerName\":\"inventory\",\"totalCalls\":3,\"failureRate\":0.5,\"open\":true}]";

    HttpResponse<String> response = post(fake.eventApiUrl(), PATH, gzip(body),
        "Api-Key", fake.licenseKey(), "Content-Encoding", "GZIP");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("success").asBoolean()).isTrue();
    assertThat(json(response).get("uuid").asText()).hasSize(36);
    assertThat(fake.events()).containsExactly(Map.of("eventType", "CircuitBreakerMetric",
        "timestamp", NOW, "breakerName", "inventory", "totalCalls", 3, "failureRate", 0.5,
        "open", true));
    assertThat(fake.requests(Api.EVENTS)).singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo(body))
        .satisfies(r -> assertThat(r.rawBody()).isEqualTo(gzip(body)));
  }

  @Test
  void acceptsAnUncompressedPayload() throws Exception {
    HttpResponse<String> response = post(fake.eventApiUrl(), PATH,
        "[{\"eventType\":\"A\"},{\"eventType\":\"B\",\"k\":\"v\"}]",
        "Api-Key", fake.licenseKey(), "Content-Encoding", "identity");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fake.events("B")).containsExactly(Map.of("eventType", "B", "k", "v"));
    assertThat(fake.events()).hasSize(2);
  }

  @Test
  void acceptsTheTelemetrySdkFormWithoutAccountIdAndWithALicenseKeyHeader() throws Exception {
    HttpResponse<String> response = post(fake.eventApiUrl(), "/v1/accounts/events",
        gzip("[{\"eventType\":\"BreakwaterTest\",\"timestamp\":" + NOW + ",\"a\":1}]"),
        "X-License-Key", fake.licenseKey(), "Content-Encoding", "gzip",
        "User-Agent", "NewRelic-Java-TelemetrySDK/0.17.0",
        "X-Request-Id", "4f9db363-0000-4000-8000-000000000000");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fake.events("BreakwaterTest")).hasSize(1);
    assertThat(fake.requests().get(0).requestId())
        .contains("4f9db363-0000-4000-8000-000000000000");
  }

  @Test
  void acceptsTheLegacyInsertKeyHeader() throws Exception {
    assertThat(post(fake.eventApiUrl(), PATH, "[{\"eventType\":\"A\"}]",
        "X-Insert-Key", fake.licenseKey()).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "no key, X-Other, x",
      "wrong license key, Api-Key, wrong-key",
      "user key instead of license key, Api-Key, fake-user-key-0000"})
  void refusesRequestsWithoutTheLicenseKey(String why, String header, String value)
      throws Exception {
    HttpResponse<String> response = post(fake.eventApiUrl(), PATH, "[{\"eventType\":\"A\"}]",
        header, value);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).get("success").asBoolean()).isFalse();
    assertThat(json(response).get("error").asText()).isNotBlank();
    assertThat(fake.events()).isEmpty();
    assertThat(fake.requests()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(403));
  }

  @Test
  void refusesAnotherAccountInThePath() throws Exception {
    HttpResponse<String> response = post(fake.eventApiUrl(), "/v1/accounts/999/events",
        "[{\"eventType\":\"A\"}]", "Api-Key", fake.licenseKey());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(fake.events()).isEmpty();
  }

  @Test
  void refusesOtherMethods() throws Exception {
    HttpResponse<String> response = Http.get(fake.eventApiUrl(), PATH);

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void refusesAPayloadOverOneMillionBytesAsSentBeforeParsing() throws Exception {
    byte[] justTooBig = new byte[1_000_001]; // not even JSON: the size check comes first
    byte[] atTheLimit = ("[{\"eventType\":\"A\",\"pad\":\"" + "x".repeat(1_000_000 - 30)
        + "\"}]").getBytes(StandardCharsets.UTF_8);

    assertThat(post(fake.eventApiUrl(), PATH, justTooBig, "Api-Key", fake.licenseKey())
        .statusCode()).isEqualTo(413);
    assertThat(atTheLimit.length).isLessThanOrEqualTo(1_000_000);
    assertThat(post(fake.eventApiUrl(), PATH, atTheLimit, "Api-Key", fake.licenseKey())
        .statusCode()).isEqualTo(200);
  }

  @Test
  void measuresTheLimitOnTheCompressedBody() throws Exception {
    String big = "[{\"eventType\":\"A\",\"pad\":\"" + "x".repeat(2_000_000) + "\"}]";

    HttpResponse<String> response = post(fake.eventApiUrl(), PATH, gzip(big),
        "Api-Key", fake.licenseKey(), "Content-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fake.rejectedEvents()).singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("pad").contains("4096"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed JSON | [{\"eventType\":",
      "an object instead of an array | {\"eventType\":\"A\"}",
      "an array of non-objects | [1, 2]",
      "empty body | ''",
      "trailing garbage | [] []"})
  void refusesABodyThatIsNotAnArrayOfObjects(String why, String body) throws Exception {
    HttpResponse<String> response = post(fake.eventApiUrl(), PATH, body,
        "Api-Key", fake.licenseKey());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("success").asBoolean()).isFalse();
    assertThat(fake.events()).isEmpty();
  }

  @Test
  void refusesCorruptGzipAndUnknownEncodings() throws Exception {
    assertThat(post(fake.eventApiUrl(), PATH, "[{\"eventType\":\"A\"}]",
        "Api-Key", fake.licenseKey(), "Content-Encoding", "gzip").statusCode()).isEqualTo(400);
    assertThat(post(fake.eventApiUrl(), PATH, "[{\"eventType\":\"A\"}]",
        "Api-Key", fake.licenseKey(), "Content-Encoding", "br").statusCode()).isEqualTo(415);
    assertThat(fake.requests()).allSatisfy(r -> assertThat(r.body()).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing eventType | {\"a\":1} | eventType is missing",
      "numeric eventType | {\"eventType\":5} | must be a string",
      "dot in eventType | {\"eventType\":\"my.event\"} | [A-Za-z0-9_:]+",
      "reserved Metric | {\"eventType\":\"Metric\"} | reserved",
      "reserved MetricRaw | {\"eventType\":\"MetricRaw\"} | reserved",
      "reserved Metric digits | {\"eventType\":\"Metric2x\"} | reserved",
      "reserved Public_ | {\"eventType\":\"Public_Thing\"} | reserved",
      "object value | {\"eventType\":\"A\",\"o\":{\"x\":1}} | attribute 'o' must be a string",
      "array value | {\"eventType\":\"A\",\"l\":[1]} | attribute 'l' must be a string",
      "null value | {\"eventType\":\"A\",\"n\":null} | attribute 'n' must be a string",
      "decimal timestamp | {\"eventType\":\"A\",\"timestamp\":1.5} | timestamp must be an integer",
      "timestamp 25 h old | {\"eventType\":\"A\",\"timestamp\":1699910000000} | more than 24 h",
      "seconds timestamp 25 h ahead | {\"eventType\":\"A\",\"timestamp\":1700090000}"
          + " | more than 24 h"})
  void rejectsInvalidEventsButKeepsTheValidOnes(String why, String event, String reason)
      throws Exception {
    HttpResponse<String> response = post(fake.eventApiUrl(), PATH,
        "[" + event + ",{\"eventType\":\"Valid\"}]", "Api-Key", fake.licenseKey());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fake.events()).containsExactly(Map.of("eventType", "Valid"));
    assertThat(fake.rejectedEvents()).singleElement()
        .satisfies(r -> assertThat(r.reason()).contains(reason));
  }

  @Test
  void acceptsTimestampsInSecondsOrMillisecondsWithin24Hours() throws Exception {
    String body = "[{\"eventType\":\"A\",\"timestamp\":" + (NOW / 1000 - 86_000) + "},"
        + "{\"eventType\":\"A\",\"timestamp\":" + (NOW + 86_000_000) + "}]";

    post(fake.eventApiUrl(), PATH, body, "Api-Key", fake.licenseKey());

    assertThat(fake.events("A")).hasSize(2);
    assertThat(fake.rejectedEvents()).isEmpty();
  }

  @Test
  void limitsAttributesTo255KeysIncludingEventTypeAndChecksNameAndValueLengths()
      throws Exception {
    StringBuilder ok = new StringBuilder("{\"eventType\":\"Wide\"");
    for (int i = 1; i < 255; i++) {
      ok.append(",\"a").append(i).append("\":").append(i);
    }
    String tooWide = ok + ",\"extra\":1}";
    String longName = "{\"eventType\":\"A\",\"" + "n".repeat(256) + "\":1}";
    String longValue = "{\"eventType\":\"A\",\"v\":\"" + "v".repeat(4097) + "\"}";
    String maxValue = "{\"eventType\":\"Max\",\"v\":\"" + "v".repeat(4096) + "\"}";

    post(fake.eventApiUrl(), PATH, "[" + ok + "}," + tooWide + "," + longName + "," + longValue
        + "," + maxValue + "]", "Api-Key", fake.licenseKey());

    assertThat(fake.events()).extracting(e -> e.get("eventType")).containsExactly("Wide", "Max");
    assertThat(fake.rejectedEvents()).extracting(RejectedEvent::reason).satisfiesExactly(
        r -> assertThat(r).contains("at most 255 attributes"),
        r -> assertThat(r).contains("attribute name"),
        r -> assertThat(r).contains("at most 4096 characters"));
  }

  @Test
  void storesAnEmptyArrayAsNothing() throws Exception {
    assertThat(post(fake.eventApiUrl(), PATH, "[]", "Api-Key", fake.licenseKey()).statusCode())
        .isEqualTo(200);
    assertThat(fake.events()).isEmpty();
  }
}
