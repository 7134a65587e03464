package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.CallNotPermittedException;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CircuitState;
import dev.breakwater.testkit.ManualTicker;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JSON snapshot and the event stream, over real HTTP on 127.0.0.1. */
class ConsoleHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration INTERVAL = Duration.ofMillis(200);

  private final ManualTicker ticker = ManualTicker.create();
  private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.create(
      CircuitBreakerConfig.builder("defaults").ticker(ticker).timeout(Duration.ZERO).build());
  private final List<AutoCloseable> resources = new ArrayList<>();
  private BreakwaterConsole console;

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    if (console != null) {
      console.close();
    }
  }

  @Test
  void snapshotFieldsEqualStats() throws Exception {
    CircuitBreaker payments = registry.breaker(CircuitBreakerConfig.builder("payments")
        .ticker(ticker).timeout(Duration.ZERO).failureThreshold(100)
        .ignore(IllegalArgumentException.class).build());
    for (long millis : new long[] {10, 20, 33}) {
      payments.call(() -> ticker.advance(Duration.ofMillis(millis)));
    }
    assertThatThrownBy(() -> payments.call(() -> {
      ticker.advance(Duration.ofMillis(7));
      throw new IllegalStateException("inventory said \"no\" <b>");
    })).isInstanceOf(IllegalStateException.class);
    payments.tryAcquire().orElseThrow().onFailure(new TimeoutException("slow"));
    assertThatThrownBy(() -> payments.run(() -> {
      throw new IllegalArgumentException("ignored");
    })).isInstanceOf(IllegalArgumentException.class);
    payments.forceOpen();
    assertThatThrownBy(() -> payments.run(() -> { })).isInstanceOf(CallNotPermittedException.class);
    payments.disable();
    console = start(builder());

    HttpResponse<String> response = Http.get(console.uri().resolve("api/breakers"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(Replies.JSON);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("intervalMs").asLong()).isEqualTo(INTERVAL.toMillis());
    assertThat(body.get("historyLength").asInt()).isEqualTo(600);
    assertThat(body.get("control").asBoolean()).isFalse();
    assertMatches(breaker(body, "payments"), payments.stats());
    assertThat(payments.stats().totalTimeouts()).isEqualTo(1);
    assertThat(payments.stats().totalIgnored()).isEqualTo(1);
    assertThat(payments.stats().totalRejections()).isEqualTo(1);
  }

  @Test
  void aStateChangeReachesAStreamClientWithinOneInterval() throws Exception {
    CircuitBreaker payments = registry.breaker("payments");
    console = start(builder().samplingInterval(Duration.ofSeconds(1)));
    SseReader stream = open();
    SseReader.Event snapshot = stream.next("snapshot", Duration.ofSeconds(5));
    assertThat(stream.retries()).containsExactly("1000");
    assertThat(breaker(JSON.readTree(snapshot.data()), "payments").get("state").asText())
        .isEqualTo("CLOSED");

    long changedAt = System.nanoTime();
    payments.forceOpen();
    SseReader.Event change = stream.next("state", Duration.ofSeconds(5));

    assertThat(change).as("a state event").isNotNull();
    assertThat(Duration.ofNanos(change.receivedAtNanos() - changedAt))
        .isLessThan(Duration.ofSeconds(1));
    JsonNode data = JSON.readTree(change.data());
    assertThat(data.get("name").asText()).isEqualTo("payments");
    assertThat(data.get("from").asText()).isEqualTo("CLOSED");
    assertThat(data.get("to").asText()).isEqualTo("FORCED_OPEN");
    assertThat(data.get("reason").asText()).isEqualTo("forceOpen()");
    assertThat(data.get("id").asLong()).isPositive();
  }

  @Test
  void theStreamSendsASampleEachIntervalWithTheLatestFigures() throws Exception {
    CircuitBreaker payments = registry.breaker("payments");
    console = start(builder());
    SseReader stream = open();
    long sequence = JSON.readTree(stream.next("snapshot", Duration.ofSeconds(5)).data())
        .get("sequence").asLong();
    for (int i = 0; i < 3; i++) {
      JsonNode sample = JSON.readTree(stream.next("sample", Duration.ofSeconds(5)).data());
      assertThat(sample.get("sequence").asLong()).isEqualTo(++sequence);
    }

    for (int i = 0; i < 5; i++) {
      payments.call(() -> "ok");
    }
    JsonNode seen = awaitSample(stream, s -> breaker(s, "payments").get("totalCalls").asLong() == 5);

    assertThat(seen).as("a sample with the 5 calls").isNotNull();
    assertThat(stream.dataLines()).allSatisfy(line -> assertThat(JSON.readTree(line)).isNotNull());
  }

  @Test
  void breakersAddedOrRemovedLaterAppearAndGoWithoutReconnecting() throws Exception {
    registry.breaker("payments");
    console = start(builder());
    SseReader stream = open();
    stream.next("snapshot", Duration.ofSeconds(5));

    registry.breaker("late");
    assertThat(awaitSample(stream, s -> has(s, "late"))).isNotNull();
    registry.remove("late");
    assertThat(awaitSample(stream, s -> !has(s, "late") && has(s, "payments"))).isNotNull();
  }

  @Test
  void breakerNamesAreEscapedInJsonThePageAndTheStream() throws Exception {
    String name = "<script>alert(\"x\")</script> 'q' \\ & \u2028 line";
    CircuitBreaker odd = registry.breaker(name);
    console = start(builder());
    SseReader stream = open();

    HttpResponse<String> json = Http.get(console.uri().resolve("api/breakers"));
    HttpResponse<String> page = Http.get(console.uri());
    odd.forceOpen();
    SseReader.Event change = stream.next("state", Duration.ofSeconds(5));

    assertThat(json.body()).doesNotContain("<script>", "'q'", "\u2028");
    assertThat(breaker(JSON.readTree(json.body()), name)).isNotNull();
    assertThat(page.body()).doesNotContain("<script>alert");
    assertThat(JSON.readTree(change.data()).get("name").asText()).isEqualTo(name);
    assertThat(stream.dataLines()).allSatisfy(line -> assertThat(line).doesNotContain("<", "\u2028"));
  }

  @Test
  void aStateChangeNeverWaitsForTheConsoleAndAFloodIsBoundedAndCounted() throws Exception {
    CircuitBreaker payments = registry.breaker("payments");
    console = start(builder());
    Feed feed = console.feed();
    int flips = Feed.MAX_PENDING_CHANGES;

    synchronized (feed) { // the console's thread cannot publish while the test holds its lock
      CompletableFuture<Void> changes = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < flips; i++) {
          payments.forceOpen();
          payments.reset();
        }
      });
      changes.get(10, TimeUnit.SECONDS);
    }

    assertThat(feed.droppedChanges()).isEqualTo(2L * flips - Feed.MAX_PENDING_CHANGES);
    assertThat(payments.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void aBrowserThatLeavesIsForgotten() throws Exception {
    registry.breaker("payments");
    console = start(builder());
    SseReader staying = open();
    SseReader leaving = open();
    staying.next("snapshot", Duration.ofSeconds(5));
    leaving.next("snapshot", Duration.ofSeconds(5));
    assertThat(console.streamClients()).isEqualTo(2);

    leaving.close();

    assertThat(DevTools.until(Duration.ofSeconds(5), () -> console.streamClients() == 1))
        .as("the next write finds the connection gone").isNotNull();
    assertThat(staying.next("sample", Duration.ofSeconds(5))).isNotNull();
  }

  @Test
  void closeEndsStreamsStopsTheThreadAndFreesThePort() throws Exception {
    registry.breaker("payments");
    console = start(builder());
    SseReader stream = open();
    stream.next("snapshot", Duration.ofSeconds(5));
    int port = console.uri().getPort();

    console.close();
    console.close();

    assertThat(stream.endsWithin(Duration.ofSeconds(5))).isTrue();
    assertThat(console.feed().running()).isFalse();
    assertThat(console.toString()).endsWith(", closed]");
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  private BreakwaterConsole start(BreakwaterConsole.Builder builder) {
    return builder.ticker(ticker).start();
  }

  private BreakwaterConsole.Builder builder() {
    return BreakwaterConsole.builder(registry).samplingInterval(INTERVAL);
  }

  private SseReader open() throws Exception {
    SseReader stream = SseReader.open(Http.CLIENT, console.uri());
    resources.add(stream);
    return stream;
  }

  private static JsonNode awaitSample(SseReader stream, java.util.function.Predicate<JsonNode> test)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      SseReader.Event event = stream.next("sample", Duration.ofSeconds(1));
      if (event != null && test.test(JSON.readTree(event.data()))) {
        return JSON.readTree(event.data());
      }
    }
    return null;
  }

  private static boolean has(JsonNode snapshot, String name) {
    return breaker(snapshot, name) != null;
  }

  static JsonNode breaker(JsonNode snapshot, String name) {
    for (JsonNode breaker : snapshot.get("breakers")) {
      if (breaker.get("name").asText().equals(name)) {
        return breaker;
      }
    }
    return null;
  }

  static void assertMatches(JsonNode json, CircuitBreakerStats stats) {
    assertThat(json).as("breaker %s in the snapshot", stats.breakerName()).isNotNull();
    assertThat(json.get("name").asText()).isEqualTo(stats.breakerName());
    assertThat(json.get("state").asText()).isEqualTo(stats.state().name());
    assertThat(json.get("totalCalls").asLong()).isEqualTo(stats.totalCalls());
    assertThat(json.get("totalSuccesses").asLong()).isEqualTo(stats.totalSuccesses());
    assertThat(json.get("totalFailures").asLong()).isEqualTo(stats.totalFailures());
    assertThat(json.get("totalTimeouts").asLong()).isEqualTo(stats.totalTimeouts());
    assertThat(json.get("totalRejections").asLong()).isEqualTo(stats.totalRejections());
    assertThat(json.get("totalIgnored").asLong()).isEqualTo(stats.totalIgnored());
    assertThat(json.get("averageResponseTimeNanos").asLong())
        .isEqualTo(stats.averageResponseTime().toNanos());
    assertThat(json.get("failureRate").asDouble())
        .isEqualTo(Math.round(stats.failureRate() * 1000) / 1000.0);
    assertThat(json.get("successRate").asDouble())
        .isEqualTo(Math.round(stats.successRate() * 1000) / 1000.0);
    assertThat(json.get("lastError").isNull() ? null : json.get("lastError").asText())
        .isEqualTo(stats.lastError().orElse(null));
    assertThat(json.get("windowCalls").asLong()).isEqualTo(stats.windowCalls());
    assertThat(json.get("windowFailures").asLong()).isEqualTo(stats.windowFailures());
    assertThat(json.get("windowSlowCalls").asLong()).isEqualTo(stats.windowSlowCalls());
    assertThat(json.get("windowFailureRate").asDouble())
        .isEqualTo(Math.round(stats.windowFailureRate() * 1000) / 1000.0);
  }
}
