package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.FakeNewRelic;
import dev.breakwater.testkit.StoredAlertCondition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code breakwater alerts create} end to end, against FakeNewRelic, as {@code dashboard create}. */
class AlertsCommandTest {
  private static final String USER_KEY = "canary-cli-user-9b1c";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeNewRelic fake = FakeNewRelic.builder().userKey(USER_KEY).start();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void close() {
    fake.close();
  }

  private int run(Map<String, String> env, String... args) {
    return Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private int create(String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "alerts";
    args[1] = "create";
    args[2] = "--account-id=" + fake.accountId();
    args[3] = "--nerdgraph-url=" + fake.nerdGraphUrl();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return run(Map.of("NEW_RELIC_API_KEY", USER_KEY), args);
  }

  private JsonNode stored(String name) {
    return fake.alertConditions().stream().filter(c -> c.name().equals(name)).findFirst()
        .map(StoredAlertCondition::condition).orElseThrow();
  }

  @Test
  void createsThenUpdatesInPlaceWithoutADuplicate() {
    assertThat(create()).isZero();
    assertThat(out.toString()).startsWith("Created alert policy \"Circuit Breaker Health\" (id ")
        .contains("  created condition \"Circuit breaker open\" (id ")
        .contains("  created condition \"Circuit breaker failure rate\" (id ")
        .contains("  created condition \"Circuit breaker reporter silent\" (id ");
    String first = out.toString();
    out.getBuffer().setLength(0);

    assertThat(create("--open-for", "10m", "--failure-rate", "25")).isZero();

    assertThat(out.toString()).startsWith("Updated alert policy \"Circuit Breaker Health\" (id ")
        .contains("  updated condition \"Circuit breaker open\" (id ");
    assertThat(out.toString().replace("Updated", "Created").replace("updated", "created")).isEqualTo(first);
    assertThat(fake.alertPolicies()).hasSize(1);
    assertThat(fake.alertConditions()).hasSize(3);
    assertThat(stored("Circuit breaker open").at("/terms/0/thresholdDuration").asInt()).isEqualTo(600);
    assertThat(stored("Circuit breaker failure rate").at("/terms/0/threshold").asDouble()).isEqualTo(25);
    assertThat(out.toString() + err).doesNotContain(USER_KEY);
  }

  @Test
  void dryRunPrintsMutationsWhoseVariablesNerdGraphAcceptsAndSendsNothing() throws Exception {
    assertThat(create("--dry-run", "--silent-after", "10m")).isZero();
    JsonNode printed = JSON.readTree(out.toString());
    assertThat(fake.requests(Api.NERDGRAPH)).isEmpty();

    assertThat(printed.size()).isEqualTo(4);
    assertThat(printed.at("/0/query").asText())
        .contains("mutation($accountId: Int!, $policy: AlertsPolicyInput!)")
        .contains("alertsPolicyCreate(accountId: $accountId, policy: $policy)");
    assertThat(printed.at("/0/variables/policy").toString())
        .isEqualTo("{\"name\":\"Circuit Breaker Health\",\"incidentPreference\":\"PER_CONDITION_AND_TARGET\"}");
    for (int i = 1; i < 4; i++) {
      assertThat(printed.at("/" + i + "/query").asText())
          .contains("$policyId: ID!, $condition: AlertsNrqlConditionStaticInput!")
          .contains("alertsNrqlConditionStaticCreate(accountId: $accountId, policyId: $policyId,"
              + " condition: $condition)");
      assertThat(printed.at("/" + i + "/variables/accountId").asLong()).isEqualTo(fake.accountId());
    }
    JsonNode silent = printed.at("/3/variables/condition");
    assertThat(silent.at("/name").asText()).isEqualTo("Circuit breaker reporter silent");
    assertThat(silent.at("/expiration/expirationDuration").asInt()).isEqualTo(600);
    assertThat(silent.at("/signal/aggregationMethod").asText()).isEqualTo("EVENT_FLOW");
    assertThat(silent.at("/terms/0/thresholdOccurrences").asText()).isEqualTo("ALL");

    // Sent as printed, with the id the first mutation returns, the fake (which checks every
    // variable against NerdGraph's input types and rules) takes them all.
    String policyId = send(printed.get(0)).at("/data/alertsPolicyCreate/id").asText();
    for (int i = 1; i < 4; i++) {
      ObjectNode request = printed.get(i).deepCopy();
      ((ObjectNode) request.get("variables")).put("policyId", policyId);
      JsonNode answer = send(request);
      assertThat(answer.has("errors")).as(answer.toString()).isFalse();
    }
    assertThat(fake.alertConditions()).hasSize(3);
  }

  private JsonNode send(JsonNode request) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(fake.nerdGraphUrl() + "/graphql")).header("API-Key", USER_KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  @Test
  void dryRunNeedsNoKeyAndTheAccountDefaultsToNewRelicAccountId() throws Exception {
    assertThat(run(Map.of("NEW_RELIC_ACCOUNT_ID", "4242"), "alerts", "create", "--dry-run")).isZero();
    assertThat(JSON.readTree(out.toString()).at("/0/variables/accountId").asLong()).isEqualTo(4242);
  }

  @Test
  void aMissingKeyOrAccountIsBadInputNamingWhatIsMissing() {
    assertThat(run(Map.of(), "alerts", "create")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("breakwater: missing --account-id (or NEW_RELIC_ACCOUNT_ID) and"
        + " NEW_RELIC_API_KEY (a New Relic user key)\nSee 'breakwater alerts create --help'.\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void badThresholdsAreOneLineOfBadInputEchoingWhatWasTyped() {
    assertThat(run(Map.of(), "alerts", "create", "--account-id", "1", "--dry-run", "--open-for", "90s"))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("breakwater: invalid value for option '--open-for': '90s' is not"
        + " a whole number of minutes from 1m to 24h\nSee 'breakwater alerts create --help'.\n");
    err.getBuffer().setLength(0);
    assertThat(run(Map.of(), "alerts", "create", "--account-id", "1", "--dry-run", "--failure-rate", "120"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'120' is out of range: use a percentage above 0 and below 100");
    assertThat(run(Map.of(), "alerts", "create", "--account-id", "1", "--dry-run", "--silent-after", "5s"))
        .isEqualTo(2);
    assertThat(run(Map.of(), "alerts", "create", "--account-id", "1", "--dry-run", "--policy-name", " "))
        .isEqualTo(2);
    assertThat(run(Map.of(), "alerts", "create", "--account-id", "1", "--region", "APAC", "--dry-run"))
        .isEqualTo(2);
    assertThat(run(Map.of(), "alerts")).isEqualTo(2);
    assertThat(err.toString()).contains("missing a command: use create");
  }

  @Test
  void aRefusedKeyIsAFailureThatNeverShowsTheKey() {
    int code = run(Map.of("NEW_RELIC_API_KEY", "wrong-key-0000"), "alerts", "create",
        "--account-id=" + fake.accountId(), "--nerdgraph-url=" + fake.nerdGraphUrl());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("HTTP 401").doesNotContain("wrong-key-0000");
  }

  @Test
  void everyLevelHasHelp() {
    assertThat(run(Map.of(), "alerts", "--help")).isZero();
    assertThat(run(Map.of(), "alerts", "create", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: breakwater alerts create", "--open-for", "--dry-run",
        "Circuit breaker reporter silent");
  }

  @Test
  void theNerdGraphOptionsHelpSaysWhatThisCommandCreates() {
    assertThat(run(Map.of(), "alerts", "create", "--help")).isZero();
    assertThat(out.toString()).contains("The New Relic account to create the policy in",
        "Print the mutations and their variables");
  }
}
