package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.newrelic.telemetry.Attributes;
import com.newrelic.telemetry.Response;
import com.newrelic.telemetry.events.Event;
import com.newrelic.telemetry.events.EventBatch;
import com.newrelic.telemetry.events.EventBatchSender;
import com.newrelic.telemetry.http.HttpPoster;
import com.newrelic.telemetry.http.HttpResponse;
import com.newrelic.telemetry.metrics.Count;
import com.newrelic.telemetry.metrics.Gauge;
import com.newrelic.telemetry.metrics.MetricBatch;
import com.newrelic.telemetry.metrics.MetricBatchSender;
import com.newrelic.telemetry.metrics.Summary;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * New Relic's own Java telemetry SDK, pointed at the fake, must be understood: whatever the real
 * client sends, the fake accepts and stores.
 */
class TelemetrySdkCompatibilityTest {
  private final FakeNewRelic fake = FakeNewRelic.start();
  private final long now = System.currentTimeMillis();

  @AfterEach
  void close() {
    fake.close();
  }

  /** The SDK ships no HTTP client; this is the usual twenty lines over java.net.http. */
  private static final HttpPoster POSTER = new HttpPoster() {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public HttpResponse post(URL url, java.util.Map<String, String> headers, byte[] body, String mediaType)
        throws IOException {
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.toURI())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", mediaType);
        headers.forEach(request::header);
        java.net.http.HttpResponse<String> r =
            client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new HttpResponse(r.body(), r.statusCode(), "", r.headers().map());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    }
  };

  private EventBatchSender events(boolean licenseKeyHeader) throws Exception {
    return EventBatchSender.create(EventBatchSender.configurationBuilder()
        .apiKey(fake.licenseKey())
        .useLicenseKey(licenseKeyHeader)
        .httpPoster(POSTER)
        .endpoint(new URL(fake.baseUri() + "/v1/accounts/events"))
        .build());
  }

  @Test
  void acceptsTheSdksEventBatches() throws Exception {
    Attributes common = new Attributes().put("host", "h1");
    EventBatch batch = new EventBatch(List.of(
        new Event("SdkEvent", new Attributes().put("count", 3).put("ok", true), now),
        new Event("SdkEvent", new Attributes().put("name", "second"), now + 1)), common);
    Response response = events(false).sendBatch(batch);
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(fake.events("SdkEvent")).hasSize(2)
        .allSatisfy(e -> assertThat(e).containsEntry("host", "h1"));
    assertThat(fake.rejectedEvents()).isEmpty();
    assertThat(fake.requests(Api.EVENTS).get(0).header("X-Request-Id")).isPresent();
  }

  @Test
  void acceptsTheSdksLicenseKeyHeader() throws Exception {
    Response response = events(true).sendBatch(new EventBatch(List.of(
        new Event("SdkEvent", new Attributes().put("a", 1), now))));
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(fake.requests(Api.EVENTS).get(0).header("X-License-Key")).contains(fake.licenseKey());
  }

  @Test
  void acceptsTheSdksMetricBatches() throws Exception {
    MetricBatchSender sender = MetricBatchSender.create(MetricBatchSender.configurationBuilder()
        .apiKey(fake.licenseKey()).httpPoster(POSTER)
        .endpoint(new URL(fake.baseUri() + "/metric/v1")).build());
    MetricBatch batch = new MetricBatch(List.of(
        new Gauge("queue.depth", 42, now, new Attributes().put("queue", "q1")),
        new Count("requests", 7, now, now + 10_000, new Attributes()),
        new Summary("latency", 5, 12.5, 0.5, 6.0, now, now + 10_000, new Attributes())),
        new Attributes().put("app", "breakwater"));
    Response response = sender.sendBatch(batch);
    assertThat(response.getStatusCode()).isEqualTo(202);
    assertThat(fake.metrics()).extracting(ReceivedMetric::name)
        .containsExactlyInAnyOrder("queue.depth", "requests", "latency");
    assertThat(fake.metrics()).allSatisfy(m -> assertThat(m.attributes()).containsEntry("app", "breakwater"));
    assertThat(fake.metrics()).filteredOn(m -> m.name().equals("requests"))
        .singleElement().satisfies(m -> assertThat(m.intervalMs()).isEqualTo(10_000L));
  }
}
