package dev.breakwater.testkit;

import static dev.breakwater.testkit.Http.gzip;
import static dev.breakwater.testkit.Http.json;
import static dev.breakwater.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NerdGraphTest {
  static final String NRQL = "query($accountId: Int!, $query: Nrql!) { actor {"
      + " account(id: $accountId) { nrql(query: $query) { results } } } }";
  private static final long NOW = 1_700_000_000_000L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final FakeNewRelic fake = FakeNewRelic.builder()
      .clock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).start();

  @AfterEach
  void close() {
    fake.close();
  }

  static String request(String query, Object... variables) {
    ObjectNode body = MAPPER.createObjectNode().put("query", query);
    ObjectNode vars = body.putObject("variables");
    for (int i = 0; i < variables.length; i += 2) {
      vars.set((String) variables[i], MAPPER.valueToTree(variables[i + 1]));
    }
    return body.toString();
  }

  private HttpResponse<String> graphQl(String body) throws Exception {
    return post(fake.nerdGraphUrl(), "/graphql", body, "API-Key", fake.userKey());
  }

  private void sendEvents(String json) throws Exception {
    assertThat(post(fake.eventApiUrl(), "/v1/accounts/events", json, "Api-Key",
        fake.licenseKey()).statusCode()).isEqualTo(200);
  }

  @Test
  void answersNrqlOverTheEventsItReceived() throws Exception {
    sendEvents("[{\"eventType\":\"CircuitBreakerMetric\",\"breakerName\":\"a\",\"state\":\"OPEN\"},"
        + "{\"eventType\":\"CircuitBreakerMetric\",\"breakerName\":\"b\",\"state\":\"CLOSED\"}]");

    HttpResponse<String> response = graphQl(request(NRQL, "accountId", fake.accountId(),
        "query", "SELECT count(*) FROM CircuitBreakerMetric FACET breakerName"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode results = json(response).at("/data/actor/account/nrql/results");
    assertThat(results.size()).isEqualTo(2);
    assertThat(results.get(0).get("count").asLong()).isEqualTo(1);
    assertThat(results.get(0).get("facet").asText()).isIn("a", "b");
    assertThat(results.get(0).get("breakerName").asText()).isEqualTo(
        results.get(0).get("facet").asText());
    assertThat(json(response).has("errors")).isFalse();
  }

  @Test
  void acceptsAGzippedBody() throws Exception {
    HttpResponse<String> response = post(fake.nerdGraphUrl(), "/graphql",
        gzip(request(NRQL, "accountId", fake.accountId(), "query", "SELECT count(*) FROM X")),
        "API-Key", fake.userKey(), "Content-Encoding", "gzip");

    assertThat(json(response).at("/data/actor/account/nrql/results/0/count").asLong()).isZero();
  }

  @Test
  void answersASyntaxErrorAsGraphQlErrorWithHttp200() throws Exception {
    HttpResponse<String> response = graphQl(request(NRQL, "accountId", fake.accountId(),
        "query", "SELECT count(*) FORM X"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.at("/data/actor/account/nrql").isNull()).isTrue();
    assertThat(body.at("/errors/0/message").asText())
        .startsWith("NRQL Syntax Error: Error at line 1 position 17");
    assertThat(body.at("/errors/0/path").toString()).isEqualTo("[\"actor\",\"account\",\"nrql\"]");
    assertThat(body.at("/errors/0/extensions/errorClass").asText()).isEqualTo("INVALID_INPUT");
  }

  @Test
  void answersAnotherAccountWithAGraphQlError() throws Exception {
    JsonNode body = json(graphQl(request(NRQL, "accountId", 42, "query",
        "SELECT count(*) FROM X")));

    assertThat(body.at("/data/actor/account").isNull()).isTrue();
    assertThat(body.at("/errors/0/message").asText()).contains("42");
    assertThat(body.at("/errors/0/extensions/errorClass").asText()).isEqualTo("FORBIDDEN");
  }

  @Test
  void answersAMissingVariableWithAGraphQlError() throws Exception {
    JsonNode body = json(graphQl(request(NRQL, "accountId", fake.accountId())));

    assertThat(body.at("/errors/0/message").asText()).contains("$query");
    assertThat(body.at("/errors/0/extensions/errorClass").asText()).isEqualTo("VALIDATION_ERROR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "wrong-key", "fake-license-key-0000"})
  void refusesAMissingOrWrongUserKeyWith401AndNewRelicsBody(String key) throws Exception {
    HttpResponse<String> response = key.isEmpty()
        ? post(fake.nerdGraphUrl(), "/graphql", request(NRQL))
        : post(fake.nerdGraphUrl(), "/graphql", request(NRQL), "API-Key", key);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response)).isEqualTo(MAPPER.readTree("{\"errors\":[{\"message\":"
        + "\"Bad API Key or no API Key provided\","
        + "\"extensions\":{\"error_code\":\"BAD_API_KEY\"}}]}"));
  }

  @Test
  void headerNamesAreCaseInsensitive() throws Exception {
    HttpResponse<String> response = post(fake.nerdGraphUrl(), "/graphql",
        request(NRQL, "accountId", fake.accountId(), "query", "SELECT count(*) FROM X"),
        "api-key", fake.userKey());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "[]", "{\"variables\":{}}", "{\"query\":1}",
      "{\"query\":\"{ actor { user { name } } }\",\"variables\":[]}"})
  void refusesAMalformedBodyWith400(String body) throws Exception {
    HttpResponse<String> response = graphQl(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/errors/0/message").asText()).isNotBlank();
  }

  @Test
  void answersOtherOperationsWithAValidationError() throws Exception {
    HttpResponse<String> response = graphQl(request("{ actor { user { name email } } }"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(MAPPER.readTree("{\"errors\":[{\"message\":"
        + "\"FakeNewRelic does not support this operation\",\"extensions\":"
        + "{\"errorClass\":\"VALIDATION_ERROR\"}}]}"));
  }

  @Test
  void refusesOtherMethods() throws Exception {
    assertThat(Http.get(fake.nerdGraphUrl(), "/graphql").statusCode()).isEqualTo(405);
  }
}
