package dev.breakwater.testkit;

import static dev.breakwater.testkit.Http.gzip;
import static dev.breakwater.testkit.Http.json;
import static dev.breakwater.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricApiTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final String SDK_PAYLOAD = "[{\"common\":{\"attributes\":{\"app\":\"breakwater\","
      + "\"queue\":\"common\"}},\"metrics\":["
      + "{\"name\":\"bw.queue.depth\",\"type\":\"gauge\",\"value\":42.0,"
      + "\"timestamp\":1700000000123,"
      + "\"attributes\":{\"queue\":\"q1\"}},"
      + "{\"name\":\"bw.requests\",\"type\":\"count\",\"value\":7.0,\"timestamp\":1700000000123,"
      + "\"interval.ms\":10000,\"attributes\":{\"code\":\"200\"}},"
      + "{\"name\":\"bw.latency\",\"type\":\"summary\",\"value\":{\"count\":5,\"sum\":12.5,"
      + "\"min\":0.5,\"max\":6.0},\"timestamp\":1700000000123,\"interval.ms\":10000,"
      + "\"attributes\":{}}]}]";

  private final FakeNewRelic fake = FakeNewRelic.builder()
      .clock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).start();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void acceptsTheTelemetrySdkPayloadGzippedAndFlattensIt() throws Exception {
    HttpResponse<String> response = post(fake.metricApiUrl(), "/metric/v1", gzip(SDK_PAYLOAD),
        "Api-Key", fake.licenseKey(), "Content-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).get("requestId").asText()).hasSize(36);
    assertThat(fake.metrics()).hasSize(3);
    ReceivedMetric gauge = fake.metrics().get(0);
    assertThat(gauge.name()).isEqualTo("bw.queue.depth");
    assertThat(gauge.type()).isEqualTo("gauge");
    assertThat(gauge.value().asDouble()).isEqualTo(42.0);
    assertThat(gauge.timestamp()).isEqualTo(1_700_000_000_123L);
    assertThat(gauge.intervalMs()).isNull();
    assertThat(gauge.attributes()).containsExactly(Map.entry("app", "breakwater"),
        Map.entry("queue", "q1"));
    ReceivedMetric summary = fake.metrics().get(2);
    assertThat(summary.type()).isEqualTo("summary");
    assertThat(summary.value().get("max").asDouble()).isEqualTo(6.0);
    assertThat(summary.intervalMs()).isEqualTo(10_000L);
  }

  @Test
  void acceptsIdentityAndTakesTimestampAndIntervalFromCommonOrTheClock() throws Exception {
    String body = "[{\"common\":{\"timestamp\":1700000000500,\"interval.ms\":60000},"
        + "\"metrics\":[{\"name\":\"c\",\"type\":\"count\",\"value\":1}]},"
        + "{\"metrics\":[{\"name\":\"g\",\"value\":2,\"attributes\":{\"ok\":true}}]}]";

    HttpResponse<String> response = post(fake.metricApiUrl(), "/metric/v1", body,
        "Api-Key", fake.licenseKey(), "Content-Encoding", "Identity");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(fake.metrics()).extracting(ReceivedMetric::name, ReceivedMetric::type,
            ReceivedMetric::timestamp, ReceivedMetric::intervalMs)
        .containsExactly(
            tuple("c", "count", 1_700_000_000_500L, 60_000L),
            tuple("g", "gauge", NOW, null));
    assertThat(fake.metrics().get(1).attributes()).containsEntry("ok", true);
  }

  @Test
  void refusesAWrongKey() throws Exception {
    HttpResponse<String> response = post(fake.metricApiUrl(), "/metric/v1", SDK_PAYLOAD,
        "Api-Key", fake.userKey());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(fake.metrics()).isEmpty();
  }

  @Test
  void refusesAPayloadOverOneMillionBytes() throws Exception {
    HttpResponse<String> response = post(fake.metricApiUrl(), "/metric/v1", new byte[1_000_001],
        "Api-Key", fake.licenseKey());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not an array | {\"metrics\":[]} | JSON array",
      "malformed | [{\"metrics\": | not valid JSON",
      "missing metrics | [{\"common\":{}}] | [0].metrics must be an array",
      "missing name | [{\"metrics\":[{\"value\":1}]}] | [0].metrics[0].name",
      "unknown type | [{\"metrics\":[{\"name\":\"m\",\"type\":\"histogram\","
          + "\"value\":1}]}] | .type",
      "string value | [{\"metrics\":[{\"name\":\"m\",\"value\":\"1\"}]}] | .value must be a number",
      "count without interval | [{\"metrics\":[{\"name\":\"m\",\"type\":\"count\",\"value\":1}]}]"
          + " | interval.ms is required for a count",
      "summary with a number | [{\"metrics\":[{\"name\":\"m\",\"type\":\"summary\",\"value\":1,"
          + "\"interval.ms\":1}]}] | must be an object",
      "summary without max | [{\"metrics\":[{\"name\":\"m\",\"type\":\"summary\",\"value\":"
          + "{\"count\":1,\"sum\":1,\"min\":1},\"interval.ms\":1}]}] | value.max must be a number",
      "object attribute | [{\"metrics\":[{\"name\":\"m\",\"value\":1,\"attributes\":"
          + "{\"a\":{}}}]}] | attributes.a"})
  void refusesAnInvalidStructureWhole(String why, String body, String message) throws Exception {
    HttpResponse<String> response = post(fake.metricApiUrl(), "/metric/v1", body,
        "Api-Key", fake.licenseKey());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).contains(message);
    assertThat(fake.metrics()).isEmpty();
  }
}
