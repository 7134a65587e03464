package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.StoredDashboard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dashboard definition and idempotent provisioning against FakeNewRelic. */
class DashboardProvisionerTest {
  private final Fixture f = new Fixture();
  private final NerdGraphClient nerdGraph = f.nerdGraph().build();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void createsOnceAndUpdatesOnTheSecondRun() {
    DashboardProvisioner provisioner =
        DashboardProvisioner.create(nerdGraph, DashboardDefinition.circuitBreakerHealth());
    DashboardProvisioner.Result first = provisioner.provision(f.fake.accountId());
    DashboardProvisioner.Result second = provisioner.provision(f.fake.accountId());
    assertThat(first.action()).isEqualTo(DashboardProvisioner.Action.CREATED);
    assertThat(second.action()).isEqualTo(DashboardProvisioner.Action.UPDATED);
    assertThat(second.guid()).isEqualTo(first.guid());
    assertThat(f.fake.dashboards()).hasSize(1);
    StoredDashboard stored = f.fake.dashboards().get(0);
    assertThat(stored.name()).isEqualTo("Circuit Breaker Health");
    assertThat(stored.accountId()).isEqualTo(f.fake.accountId());
  }

  @Test
  void theBundledDashboardHasTheGuidesWidgetsAndMore() {
    ObjectNode input = DashboardDefinition.circuitBreakerHealth().toDashboardInput(42);
    List<String> queries = new ArrayList<>();
    for (JsonNode w : input.at("/pages/0/widgets")) {
      assertThat(w.at("/visualization/id").asText()).startsWith("viz.");
      assertThat(w.at("/rawConfiguration/nrqlQueries/0/accountIds/0").asLong()).isEqualTo(42);
      assertThat(w.at("/layout/width").asInt()).isBetween(1, 12);
      queries.add(w.at("/rawConfiguration/nrqlQueries/0/query").asText());
    }
    assertThat(queries).contains(
        "FROM CircuitBreakerMetric SELECT latest(state) FACET breakerName",
        "FROM CircuitBreakerMetric SELECT average(failureRate) FACET breakerName TIMESERIES",
        "FROM CircuitBreakerMetric SELECT average(averageResponseTime) FACET breakerName TIMESERIES");
    assertThat(queries).anySatisfy(q -> assertThat(q).contains("totalRejections"))
        .anySatisfy(q -> assertThat(q).contains("totalTimeouts"))
        .anySatisfy(q -> assertThat(q).contains("FACET state TIMESERIES"));
    assertThat(input.get("permissions").asText()).isEqualTo("PUBLIC_READ_WRITE");
  }

  @Test
  void aTypedInvalidInputErrorFailsWithItsDescription() {
    DashboardDefinition bad = DashboardDefinition.parse("{\"name\":\"Bad\",\"permissions\":\"EVERYONE\","
        + "\"pages\":[{\"name\":\"P\",\"widgets\":[{\"title\":\"T\",\"query\":\"SELECT count(*) FROM X\"}]}]}");
    assertThatThrownBy(() -> DashboardProvisioner.create(nerdGraph, bad).provision(f.fake.accountId()))
        .isInstanceOf(DashboardProvisioningException.class)
        .hasMessageStartingWith("dashboardCreate failed: INVALID_INPUT: ")
        .hasMessageContaining("permissions")
        .satisfies(e -> assertThat(((DashboardProvisioningException) e).errors())
            .extracting(DashboardProvisioningException.Error::type).containsExactly("INVALID_INPUT"));
    assertThat(f.fake.dashboards()).isEmpty();
  }

  @Test
  void theDefinitionIsCheckedAgainstTheDocumentedLimitsBeforeAnythingIsSent() {
    assertThatThrownBy(() -> DashboardDefinition.parse("{\"name\":\"D\",\"pages\":[]}"))
        .hasMessage("a dashboard needs 1 to 20 pages, had 0");
    assertThatThrownBy(() -> DashboardDefinition.parse("{\"name\":\"D\",\"pages\":[{\"name\":\"P\",\"widgets\":"
        + "[{\"title\":\"Wide\",\"query\":\"SELECT 1 FROM X\",\"layout\":{\"column\":5,\"width\":12}}]}]}"))
        .hasMessage("page 'P', widget 1 ('Wide'): layout column + width - 1 must be <= 12, was 16");
    assertThatThrownBy(() -> DashboardDefinition.parse("{\"name\":\"D\",\"pages\":[{\"name\":\"P\",\"widgets\":"
        + "[{\"title\":\"T\",\"query\":\"SELECT 1 FROM X\",\"layout\":{\"height\":13}}]}]}"))
        .hasMessage("page 'P', widget 1 ('T'): layout height must be in 1..12, was 13");
    assertThatThrownBy(() -> DashboardDefinition.parse("{\"name\":\"D\",\"pages\":[{\"name\":\"P\",\"widgets\":"
        + "[{\"title\":\"No query\"}]}]}"))
        .hasMessage("page 'P', widget 1 ('No query'): query must be a non-blank string");
    assertThatThrownBy(() -> DashboardDefinition.parse("{\"name\":\"" + "n".repeat(256) + "\",\"pages\":[]}"))
        .hasMessage("dashboard name is longer than 255 characters");
    assertThatThrownBy(() -> DashboardDefinition.parse("not json"))
        .hasMessageStartingWith("dashboard definition is not valid JSON");
    assertThat(f.fake.requests(Api.NERDGRAPH)).isEmpty();
  }

  @Test
  void widgetsWithoutVisualizationOrLayoutGetSensibleDefaults() {
    ObjectNode input = DashboardDefinition.parse("{\"name\":\"D\",\"pages\":[{\"name\":\"P\",\"widgets\":["
        + "{\"title\":\"a\",\"query\":\"SELECT count(*) FROM X TIMESERIES\"},"
        + "{\"title\":\"b\",\"query\":\"SELECT count(*) FROM X FACET y\"},"
        + "{\"title\":\"c\",\"query\":\"SELECT count(*) FROM X\"},"
        + "{\"title\":\"d\",\"query\":\"SELECT count(*) FROM X\"}]}]}").toDashboardInput(7);
    JsonNode widgets = input.at("/pages/0/widgets");
    assertThat(widgets.findValuesAsText("id")).containsExactly("viz.line", "viz.table", "viz.billboard", "viz.billboard");
    assertThat(widgets.get(3).at("/layout/row").asInt()).isEqualTo(4);
    assertThat(widgets.get(2).at("/layout/column").asInt()).isEqualTo(9);
  }

  @Test
  void aDashboardPageOfTheSameNameIsNotMistakenForTheDashboard() {
    String twoPages = "{\"name\":\"Multi\",\"pages\":["
        + "{\"name\":\"One\",\"widgets\":[{\"title\":\"a\",\"query\":\"SELECT count(*) FROM X\"}]},"
        + "{\"name\":\"Two\",\"widgets\":[{\"title\":\"b\",\"query\":\"SELECT count(*) FROM X\"}]}]}";
    DashboardProvisioner p = DashboardProvisioner.create(nerdGraph, DashboardDefinition.parse(twoPages));
    p.provision(f.fake.accountId());
    assertThat(p.provision(f.fake.accountId()).action()).isEqualTo(DashboardProvisioner.Action.UPDATED);
    assertThat(f.fake.dashboards()).hasSize(1);
  }

  @Test
  void theGuidesPageIsKeptAsItWasAndAFleetPageFollows() {
    ObjectNode input = DashboardDefinition.circuitBreakerHealth().toDashboardInput(42);
    assertThat(input.at("/pages").findValuesAsText("name")).contains("Overview", "Fleet");
    assertThat(queries(input.at("/pages/0"))).containsExactly(
        "FROM CircuitBreakerMetric SELECT latest(state) FACET breakerName",
        "FROM CircuitBreakerMetric SELECT average(failureRate) FACET breakerName TIMESERIES",
        "FROM CircuitBreakerMetric SELECT average(averageResponseTime) FACET breakerName TIMESERIES",
        "FROM CircuitBreakerMetric SELECT uniqueCount(breakerName) FACET state TIMESERIES",
        "FROM CircuitBreakerMetric SELECT max(totalRejections) FACET breakerName TIMESERIES",
        "FROM CircuitBreakerMetric SELECT max(totalTimeouts) FACET breakerName TIMESERIES",
        "FROM CircuitBreakerMetric SELECT average(windowFailureRate) FACET breakerName TIMESERIES",
        "FROM CircuitBreakerMetric SELECT latest(totalCalls), latest(totalFailures), latest(totalRejections),"
            + " latest(totalTimeouts) FACET breakerName");
    assertThat(input.at("/pages/1/name").asText()).isEqualTo("Fleet");
    List<String> fleet = queries(input.at("/pages/1"));
    assertThat(fleet).anySatisfy(q -> assertThat(q).contains("SELECT latest(state) FACET breakerName, host"))
        .anySatisfy(q -> assertThat(q).contains("SELECT uniqueCount(host) WHERE state IN").contains("TIMESERIES"))
        .anySatisfy(q -> assertThat(q).startsWith("FROM CircuitBreakerStateChange SELECT count(*)")
            .contains("TIMESERIES"))
        .anySatisfy(q -> assertThat(q).startsWith("FROM CircuitBreakerStateChange SELECT breakerName, host,"
            + " fromState, toState, reason, suppressedChanges"))
        .anySatisfy(q -> assertThat(q).contains("SELECT latest(timestamp)").contains("FACET host"));
  }

  @Test
  void everyWidgetsQueryIsValidNrqlAndFindsTheEventsItIsAbout() {
    EventApiClient events = f.eventApi().build();
    assertThat(events.send(List.of(
        Map.of("eventType", "CircuitBreakerMetric", "breakerName", "payments", "host", "web-1",
            "state", "OPEN", "failureRate", 100.0, "averageResponseTime", 3.5, "totalRejections", 4,
            "totalTimeouts", 1, "windowFailureRate", 100.0),
        Map.of("eventType", "CircuitBreakerStateChange", "breakerName", "payments", "host", "web-1",
            "fromState", "CLOSED", "toState", "OPEN", "reason", "5 consecutive failures",
            "suppressedChanges", 0))).complete()).isTrue();
    ObjectNode input = DashboardDefinition.circuitBreakerHealth().toDashboardInput(f.fake.accountId());
    for (JsonNode page : input.get("pages")) {
      for (String query : queries(page)) {
        assertThat(nerdGraph.nrql(f.fake.accountId(), query)).as(query).isNotEmpty();
      }
    }
  }

  private static List<String> queries(JsonNode page) {
    List<String> queries = new ArrayList<>();
    page.get("widgets").forEach(w -> queries.add(w.at("/rawConfiguration/nrqlQueries/0/query").asText()));
    return queries;
  }
}
