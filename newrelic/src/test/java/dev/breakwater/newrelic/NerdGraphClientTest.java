package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakwater.CallNotPermittedException;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitState;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import dev.breakwater.testkit.ReceivedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The NerdGraph client against FakeNewRelic over loopback. */
class NerdGraphClientTest {
  private final Fixture f = new Fixture();
  private final NerdGraphClient client = f.nerdGraph().build();

  @AfterEach
  void close() {
    f.close();
  }

  private void ingest(int n) {
    List<Map<String, ?>> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(Map.of("eventType", "Probe", "name", "p" + (i % 3), "latency", i));
    }
    assertThat(f.eventApi().build().send(events).complete()).isTrue();
  }

  @Test
  void nrqlReturnsTheResultRows() {
    ingest(6);
    List<Map<String, Object>> rows = client.nrql(f.fake.accountId(), "SELECT count(*) FROM Probe");
    assertThat(rows).containsExactly(Map.of("count", 6));
    ReceivedRequest r = f.fake.requests(Api.NERDGRAPH).get(0);
    assertThat(r.header("API-Key")).contains(Canary.USER_KEY);
    assertThat(r.path()).isEqualTo("/graphql");
    assertThat(client.breaker().name()).isEqualTo("nerdgraph-api");
    assertThat(client.breaker().stats().totalSuccesses()).isEqualTo(1);
  }

  @Test
  void queryReturnsTheDataTreeAndTheTypedVariantMapsIt() {
    ingest(3);
    String q = "query($accountId: Int!, $query: Nrql!) { actor { account(id: $accountId) { nrql(query: $query) { results } } } }";
    Map<String, Object> vars = Map.of("accountId", f.fake.accountId(), "query", "SELECT max(latency) FROM Probe");
    JsonNode data = client.query(q, vars);
    assertThat(data.at("/actor/account/nrql/results/0/max.latency").asDouble()).isEqualTo(2.0);
    Data typed = client.query(q, vars, Data.class);
    assertThat(typed.actor().account().nrql().results()).hasSize(1);
  }

  record Data(Actor actor) {}

  record Actor(Account account) {}

  record Account(Nrql nrql) {}

  record Nrql(List<Map<String, Object>> results) {}

  @Test
  void graphQlErrorsBecomeAnExceptionWithMessagePathErrorClassAndPartialData() {
    NerdGraphException e = catchNerdGraph(() -> client.nrql(f.fake.accountId(), "SELECT nonsense FROM"));
    assertThat(e.isTransient()).isFalse();
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.errors()).hasSize(1);
    GraphQlError error = e.errors().get(0);
    assertThat(error.message()).startsWith("NRQL Syntax Error");
    assertThat(error.path()).containsExactly("actor", "account", "nrql");
    assertThat(error.errorClass()).contains("INVALID_INPUT");
    assertThat(e.partialData()).hasValueSatisfying(d -> assertThat(d.at("/actor/account").has("nrql")).isTrue());
    assertThat(e.getMessage()).startsWith("NerdGraph returned 1 error: [INVALID_INPUT] NRQL Syntax Error");
  }

  @Test
  void flaw08_aCallersBadQueryNeverOpensTheCircuitForEveryone() {
    for (int i = 0; i < 20; i++) {
      catchNerdGraph(() -> client.nrql(f.fake.accountId(), "SELEKT broken"));
    }
    assertThat(client.breaker().state()).isEqualTo(CircuitState.CLOSED);
    assertThat(client.breaker().stats().totalFailures()).isZero();
    assertThat(client.breaker().stats().totalIgnored()).isEqualTo(20);
  }

  @Test
  void transientErrorClassesCountAgainstTheBreakerUntilItOpens() {
    f.fake.faults().always(Api.NERDGRAPH, Fault.graphQlError("TIMEOUT", "NRDB query duration exceeded the set timeout"));
    for (int i = 0; i < 5; i++) {
      NerdGraphException e = catchNerdGraph(() -> client.nrql(f.fake.accountId(), "SELECT count(*) FROM Probe"));
      assertThat(e.isTransient()).isTrue();
      assertThat(e.errors()).extracting(x -> x.errorClass().orElseThrow()).containsExactly("TIMEOUT");
    }
    assertThat(client.breaker().state()).isEqualTo(CircuitState.OPEN);
    assertThatThrownBy(() -> client.nrql(f.fake.accountId(), "SELECT count(*) FROM Probe"))
        .isInstanceOf(CallNotPermittedException.class);
    assertThat(f.fake.requests(Api.NERDGRAPH)).hasSize(5);
  }

  @Test
  void serverErrorsAreTransient() {
    f.fake.faults().next(Api.NERDGRAPH, 1, Fault.status(503));
    NerdGraphException e = catchNerdGraph(() -> client.nrql(f.fake.accountId(), "SELECT count(*) FROM Probe"));
    assertThat(e.isTransient()).isTrue();
    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(client.breaker().stats().totalFailures()).isEqualTo(1);
  }

  @Test
  void aDroppedConnectionIsTransient() {
    f.fake.faults().next(Api.NERDGRAPH, 1, Fault.dropConnection());
    NerdGraphException e = catchNerdGraph(() -> client.nrql(f.fake.accountId(), "SELECT count(*) FROM Probe"));
    assertThat(e.isTransient()).isTrue();
    assertThat(e.httpStatus()).isZero();
    assertThat(client.breaker().stats().totalFailures()).isEqualTo(1);
  }

  @Test
  void aSlowAnswerPastTheTimeoutIsATransientTimeout() {
    CircuitBreaker fast = CircuitBreaker.of(NerdGraphClient.defaultBreakerConfig().toBuilder()
        .timeout(Duration.ofMillis(300)).build());
    NerdGraphClient c = f.nerdGraph().breaker(fast).build();
    f.fake.faults().next(Api.NERDGRAPH, 1, Fault.latency(Duration.ofSeconds(10)));
    NerdGraphException e = catchNerdGraph(() -> c.nrql(f.fake.accountId(), "SELECT count(*) FROM Probe"));
    assertThat(e.isTransient()).isTrue();
    assertThat(e.getMessage()).isEqualTo("NerdGraph did not answer within PT0.3S");
    assertThat(fast.stats().totalTimeouts()).isEqualTo(1);
  }

  @Test
  void aWrongUserKeyIsTheCallersProblemAndNeverShown() {
    NewRelicConfig wrong = NewRelicConfig.builder().accountId(f.fake.accountId())
        .userKey("not-the-right-key").nerdGraphUrl(f.fake.nerdGraphUrl()).build();
    NerdGraphClient c = NerdGraphClient.builder(wrong).build();
    NerdGraphException e = catchNerdGraph(() -> c.nrql(f.fake.accountId(), "SELECT count(*) FROM Probe"));
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.isTransient()).isFalse();
    assertThat(e.getMessage()).startsWith("NerdGraph refused the user key (HTTP 401)")
        .doesNotContain("not-the-right-key");
    assertThat(c.breaker().stats().totalFailures()).isZero();
  }

  @Test
  void theResponseSizeIsBounded() {
    List<Map<String, ?>> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      events.add(Map.of("eventType", "Probe", "name", "a-rather-long-facet-name-number-" + i));
    }
    f.eventApi().build().send(events);
    NerdGraphClient small = f.nerdGraph().maxResponseBytes(1024).build();
    NerdGraphException e = catchNerdGraph(() ->
        small.nrql(f.fake.accountId(), "SELECT count(*) FROM Probe FACET name LIMIT 100"));
    assertThat(e.getMessage()).contains("exceeded 1024 bytes");
    assertThat(small.breaker().stats().totalFailures()).isZero();
  }

  @Test
  void toStringShowsNoKey() {
    assertThat(client.toString()).doesNotContain(Canary.USER_KEY);
  }

  private static NerdGraphException catchNerdGraph(Runnable call) {
    try {
      call.run();
    } catch (NerdGraphException e) {
      assertThat(Canary.leaks(e.getMessage())).isFalse();
      return e;
    }
    throw new AssertionError("expected a NerdGraphException");
  }
}
