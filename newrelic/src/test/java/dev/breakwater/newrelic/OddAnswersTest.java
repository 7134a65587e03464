package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers FakeNewRelic does not give: bodies past the response cap, and redirects. */
class OddAnswersTest {
  private final List<LoopbackServer> servers = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();

  @AfterEach
  void close() {
    servers.forEach(LoopbackServer::close);
  }

  private LoopbackServer serve(LoopbackServer server) {
    servers.add(server);
    return server;
  }

  private static NewRelicConfig everythingAt(URI base) {
    return NewRelicConfig.builder().accountId(42).licenseKey(Canary.LICENSE_KEY).userKey(Canary.USER_KEY)
        .eventApiUrl(base).metricApiUrl(base).nerdGraphUrl(base).build();
  }

  private EventApiClient eventApi(URI base) {
    return EventApiClient.builder(everythingAt(base)).sleeper(sleeps::add).build();
  }

  @Test
  void aDeliveryWhoseAnswerExceedsTheResponseCapIsDeliveredOnce() {
    LoopbackServer api = serve(LoopbackServer.answering(202, 1024 * 1024)); // the cap is 64 KiB
    EventApiClient client = eventApi(api.uri());
    DeliveryReport report = client.send(List.of(Map.of("eventType", "Probe", "n", 1)));
    assertThat(report.complete()).isTrue();
    assertThat(report.delivered()).isEqualTo(1);
    assertThat(report.retries()).isZero();
    assertThat(api.requests()).as("sent once, not again and again").hasSize(1);
    assertThat(sleeps).isEmpty();
    assertThat(client.breaker().stats().totalSuccesses()).isEqualTo(1);
    assertThat(client.breaker().stats().totalFailures()).isZero();
  }

  @Test
  void aRefusalWhoseAnswerExceedsTheResponseCapIsStillARefusal() {
    LoopbackServer api = serve(LoopbackServer.answering(400, 1024 * 1024));
    DeliveryReport report = eventApi(api.uri()).send(List.of(Map.of("eventType", "Probe")));
    assertThat(report.dropped()).singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo("HTTP 400 from the Event API"));
    assertThat(api.requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aNerdGraphErrorWhoseAnswerExceedsTheCapKeepsItsStatus() {
    LoopbackServer api = serve(LoopbackServer.answering(503, 64 * 1024));
    NerdGraphClient nerdGraph = NerdGraphClient.builder(everythingAt(api.uri())).maxResponseBytes(1024).build();
    assertThatThrownBy(() -> nerdGraph.nrql(42, "SELECT count(*) FROM Probe"))
        .isInstanceOfSatisfying(NerdGraphException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(503);
          assertThat(e.isTransient()).isTrue();
        })
        .hasMessage("NerdGraph answered HTTP 503");
  }

  @Test
  void aClientThatFollowsRedirectsIsRefusedBeforeAnythingIsSent() {
    NewRelicConfig config = everythingAt(URI.create("http://127.0.0.1:1"));
    for (HttpClient.Redirect redirect : List.of(HttpClient.Redirect.NORMAL, HttpClient.Redirect.ALWAYS)) {
      HttpClient following = HttpClient.newBuilder().followRedirects(redirect).build();
      String message = "httpClient follows redirects (" + redirect + "), which would send the API key to "
          + "any host a redirect names; build it with followRedirects(HttpClient.Redirect.NEVER)";
      assertThatThrownBy(() -> EventApiClient.builder(config).httpClient(following))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
      assertThatThrownBy(() -> MetricApiClient.builder(config).httpClient(following)).hasMessage(message);
      assertThatThrownBy(() -> NerdGraphClient.builder(config).httpClient(following)).hasMessage(message);
      assertThatThrownBy(() -> BreakwaterNewRelic.builder(config).httpClient(following)).hasMessage(message);
    }
  }

  @Test
  void keysNeverReachTheHostARedirectNames() throws Exception {
    LoopbackServer elsewhere = serve(LoopbackServer.answering(200, 0));
    LoopbackServer api = serve(LoopbackServer.start(exchange -> {
      exchange.getResponseHeaders().add("Location", elsewhere.uri() + "/collect");
      exchange.sendResponseHeaders(307, -1);
    }));
    // The set-up works: a client that follows redirects does reach the other host.
    HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
    following.send(HttpRequest.newBuilder(api.uri()).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(elsewhere.requests()).hasSize(1);

    EventApiClient events = EventApiClient.builder(everythingAt(api.uri())).maxRetries(1).sleeper(sleeps::add)
        .registry(CircuitBreakerRegistry.create()).build();
    assertThat(events.send(List.of(Map.of("eventType", "Probe"))).undelivered()).hasSize(1);
    NerdGraphClient nerdGraph = NerdGraphClient.builder(everythingAt(api.uri())).build();
    assertThatThrownBy(() -> nerdGraph.nrql(42, "SELECT count(*) FROM Probe"))
        .hasMessage("NerdGraph answered HTTP 307");

    assertThat(api.requests()).hasSize(1 + 2 + 1).anySatisfy(headers ->
        assertThat(headers.get("Api-key")).containsExactly(Canary.LICENSE_KEY));
    assertThat(elsewhere.requests()).as("nothing followed the redirects").hasSize(1)
        .allSatisfy(headers -> assertThat(headers.toString()).doesNotContain(Canary.LICENSE_KEY, Canary.USER_KEY));
  }
}
