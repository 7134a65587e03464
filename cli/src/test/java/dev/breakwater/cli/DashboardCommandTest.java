package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.FakeNewRelic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code breakwater dashboard create} end to end, against FakeNewRelic. */
class DashboardCommandTest {
  private static final String USER_KEY = "canary-cli-user-5e2a";
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
    args[0] = "dashboard";
    args[1] = "create";
    args[2] = "--account-id=" + fake.accountId();
    args[3] = "--nerdgraph-url=" + fake.nerdGraphUrl();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return run(Map.of("NEW_RELIC_API_KEY", USER_KEY), args);
  }

  @Test
  void createsThenUpdatesWithoutADuplicate() {
    assertThat(create()).isZero();
    assertThat(out.toString()).startsWith("Created dashboard \"Circuit Breaker Health\"");
    assertThat(create()).isZero();
    assertThat(out.toString()).contains("Updated dashboard \"Circuit Breaker Health\"");
    assertThat(fake.dashboards()).hasSize(1);
    assertThat(out.toString() + err).doesNotContain(USER_KEY);
  }

  @Test
  void dryRunPrintsTheMutationAndVariablesAndSendsNothing() throws Exception {
    assertThat(create("--dry-run")).isZero();
    JsonNode printed = new ObjectMapper().readTree(out.toString());
    assertThat(printed.get("query").asText()).contains("dashboardCreate(accountId: $accountId, dashboard: $dashboard)");
    JsonNode dashboard = printed.at("/variables/dashboard");
    assertThat(printed.at("/variables/accountId").asLong()).isEqualTo(fake.accountId());
    assertThat(dashboard.get("name").asText()).isEqualTo("Circuit Breaker Health");
    assertThat(dashboard.get("permissions").asText()).isEqualTo("PUBLIC_READ_WRITE");
    JsonNode widget = dashboard.at("/pages/0/widgets/0");
    assertThat(widget.at("/visualization/id").asText()).isEqualTo("viz.table");
    assertThat(widget.at("/layout").fieldNames()).toIterable().containsExactly("column", "row", "width", "height");
    assertThat(widget.at("/rawConfiguration/nrqlQueries/0/accountIds/0").asLong()).isEqualTo(fake.accountId());
    assertThat(fake.requests(Api.NERDGRAPH)).isEmpty();
  }

  @Test
  void dryRunNeedsNoKey() {
    assertThat(run(Map.of(), "dashboard", "create", "--account-id", "42", "--dry-run")).isZero();
  }

  @Test
  void aMissingKeyIsBadInputNamingTheVariable() {
    assertThat(run(Map.of(), "dashboard", "create", "--account-id", "42")).isEqualTo(2);
    assertThat(err.toString()).startsWith("breakwater: missing NEW_RELIC_API_KEY (a New Relic user key)\n");
  }

  @Test
  void theAccountDefaultsToNewRelicAccountId() throws Exception {
    assertThat(run(Map.of("NEW_RELIC_ACCOUNT_ID", "4242"), "dashboard", "create", "--dry-run")).isZero();
    assertThat(new ObjectMapper().readTree(out.toString()).at("/variables/accountId").asLong()).isEqualTo(4242);
    assertThat(run(Map.of("NEW_RELIC_ACCOUNT_ID", "4242"), "dashboard", "create", "--account-id", "7", "--dry-run"))
        .isZero();
    assertThat(out.toString()).contains("\"accountId\" : 7");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run(Map.of(), "dashboard", "create")).isEqualTo(2);
    assertThat(err.toString()).contains("missing --account-id (or NEW_RELIC_ACCOUNT_ID)");
    assertThat(run(Map.of(), "dashboard", "create", "--account-id", "0", "--dry-run")).isEqualTo(2);
    assertThat(run(Map.of(), "dashboard", "create", "--account-id", "1", "--region", "APAC", "--dry-run"))
        .isEqualTo(2);
    assertThat(run(Map.of(), "nonsense")).isEqualTo(2);
    assertThat(run(Map.of())).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(run(Map.of(), "dashboard", "--help")).isZero();
    assertThat(run(Map.of(), "dashboard", "create", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: breakwater dashboard create");
  }

  @Test
  void theNerdGraphOptionsHelpSaysWhatThisCommandCreates() {
    assertThat(run(Map.of(), "dashboard", "create", "--help")).isZero();
    assertThat(out.toString()).contains("The New Relic account to create the dashboard in",
        "Print the mutation and its variables");
  }

  @Test
  void aRefusedKeyIsAFailureThatNeverShowsTheKey() {
    int code = run(Map.of("NEW_RELIC_API_KEY", "wrong-key-0000"), "dashboard", "create",
        "--account-id=" + fake.accountId(), "--nerdgraph-url=" + fake.nerdGraphUrl());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("HTTP 401").doesNotContain("wrong-key-0000");
  }

  @Test
  void updatesAKnownDashboardByGuidWithoutSearching() {
    assertThat(create()).isZero();
    String guid = fake.dashboards().get(0).guid();
    assertThat(create("--guid=" + guid)).isZero();
    assertThat(out.toString()).contains("Updated dashboard \"Circuit Breaker Health\" (guid " + guid + ")");
    assertThat(fake.requests(Api.NERDGRAPH)).filteredOn(r -> r.body().contains("entitySearch")).hasSize(1);
    assertThat(fake.dashboards()).hasSize(1);
  }

  @Test
  void theRegionDefaultsToNewRelicRegion() {
    assertThat(run(Map.of("NEW_RELIC_REGION", "APAC"), "dashboard", "create", "--account-id", "1", "--dry-run"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("NEW_RELIC_REGION: 'APAC' is not a region: use US or EU");
  }
}
