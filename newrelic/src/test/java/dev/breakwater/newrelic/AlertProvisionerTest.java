package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import dev.breakwater.testkit.StoredAlertCondition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The alert policy as code: created once, updated in place, checked by FakeNewRelic as NerdGraph would. */
class AlertProvisionerTest {
  private final Fixture f = new Fixture();
  private final NerdGraphClient nerdGraph = f.nerdGraph().build();

  @AfterEach
  void close() {
    f.close();
  }

  private AlertProvisioner.Result provision(AlertPolicyDefinition definition) {
    return AlertProvisioner.create(nerdGraph, definition).provision(f.fake.accountId());
  }

  private JsonNode stored(String name) {
    return f.fake.alertConditions().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow().condition();
  }

  @Test
  void createsOnceAndUpdatesOnTheSecondRunKeepingTheIds() {
    AlertProvisioner.Result first = provision(AlertPolicyDefinition.circuitBreakerHealth());
    AlertProvisioner.Result second = provision(AlertPolicyDefinition.circuitBreakerHealth());

    assertThat(first.policyAction()).isEqualTo(AlertProvisioner.Action.CREATED);
    assertThat(first.policyName()).isEqualTo("Circuit Breaker Health");
    assertThat(first.conditions()).extracting(AlertProvisioner.ConditionResult::name).containsExactly(
        "Circuit breaker open", "Circuit breaker failure rate", "Circuit breaker reporter silent");
    assertThat(first.conditions()).extracting(AlertProvisioner.ConditionResult::action)
        .containsOnly(AlertProvisioner.Action.CREATED);
    assertThat(second.policyAction()).isEqualTo(AlertProvisioner.Action.UPDATED);
    assertThat(second.policyId()).isEqualTo(first.policyId());
    assertThat(second.conditions()).extracting(AlertProvisioner.ConditionResult::id)
        .isEqualTo(first.conditions().stream().map(AlertProvisioner.ConditionResult::id).toList());
    assertThat(second.conditions()).extracting(AlertProvisioner.ConditionResult::action)
        .containsOnly(AlertProvisioner.Action.UPDATED);
    assertThat(f.fake.alertPolicies()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("Circuit Breaker Health");
      assertThat(p.incidentPreference()).isEqualTo("PER_CONDITION_AND_TARGET");
    });
    assertThat(f.fake.alertConditions()).hasSize(3)
        .allSatisfy(c -> assertThat(c.policyId()).isEqualTo(first.policyId()));
    long mutations = f.fake.requests(Api.NERDGRAPH).stream()
        .filter(r -> r.body().contains("Create(")).count();
    assertThat(mutations).as("creates only on the first run").isEqualTo(4);
  }

  @Test
  void changedThresholdsAreUpdatedInPlace() {
    AlertProvisioner.Result first = provision(AlertPolicyDefinition.circuitBreakerHealth());
    AlertPolicyDefinition stricter = AlertPolicyDefinition.builder().openFor(Duration.ofMinutes(10))
        .failureRateThreshold(25).failureRateFor(Duration.ofMinutes(3)).silentAfter(Duration.ofMinutes(15))
        .build();

    AlertProvisioner.Result second = provision(stricter);

    assertThat(second.conditions()).extracting(AlertProvisioner.ConditionResult::id)
        .isEqualTo(first.conditions().stream().map(AlertProvisioner.ConditionResult::id).toList());
    assertThat(stored("Circuit breaker open").at("/terms/0/thresholdDuration").asInt()).isEqualTo(600);
    assertThat(stored("Circuit breaker failure rate").at("/terms/0/threshold").asDouble()).isEqualTo(25);
    assertThat(stored("Circuit breaker failure rate").at("/terms/0/thresholdDuration").asInt()).isEqualTo(180);
    assertThat(stored("Circuit breaker reporter silent").at("/expiration/expirationDuration").asInt())
        .isEqualTo(900);
    assertThat(stored("Circuit breaker open").at("/description").asText()).contains("10 minutes");
    assertThat(f.fake.alertConditions()).hasSize(3);
  }

  @Test
  void theConditionsUseNerdGraphsShapes() {
    provision(AlertPolicyDefinition.circuitBreakerHealth());

    JsonNode open = stored("Circuit breaker open");
    assertThat(open.at("/nrql/query").asText()).isEqualTo("SELECT percentage(count(*), WHERE state IN"
        + " ('OPEN', 'HALF_OPEN')) FROM CircuitBreakerMetric FACET breakerName, host");
    assertThat(open.at("/terms/0").toString()).isEqualTo("{\"priority\":\"CRITICAL\",\"operator\":"
        + "\"ABOVE\",\"threshold\":0.0,\"thresholdDuration\":300,\"thresholdOccurrences\":\"ALL\"}");
    assertThat(open.at("/signal").toString()).isEqualTo("{\"aggregationWindow\":60,"
        + "\"aggregationMethod\":\"EVENT_FLOW\",\"aggregationDelay\":120,\"fillOption\":\"LAST_VALUE\"}");
    assertThat(open.at("/expiration/closeViolationsOnExpiration").asBoolean()).isTrue();
    JsonNode silent = stored("Circuit breaker reporter silent");
    assertThat(silent.at("/expiration").toString()).isEqualTo("{\"expirationDuration\":300,"
        + "\"openViolationOnExpiration\":true,\"closeViolationsOnExpiration\":false,"
        + "\"ignoreOnExpectedTermination\":false}");
    assertThat(stored("Circuit breaker failure rate").at("/nrql/query").asText())
        .isEqualTo("SELECT average(windowFailureRate) FROM CircuitBreakerMetric FACET breakerName");
  }

  @Test
  void theDryRunsMutationsAreAcceptedAsTheyArePrinted() {
    List<Map<String, Object>> requests = AlertProvisioner.createRequests(
        AlertPolicyDefinition.circuitBreakerHealth(), f.fake.accountId());
    assertThat(requests).hasSize(4);
    assertThat(requests.get(0).get("query").toString()).contains("alertsPolicyCreate(accountId: $accountId,"
        + " policy: $policy)");

    JsonNode policy = nerdGraph.query(requests.get(0).get("query").toString(),
        variables(requests.get(0), null));
    String policyId = policy.at("/alertsPolicyCreate/id").asText();
    for (Map<String, Object> request : requests.subList(1, 4)) {
      assertThat(variables(request, null)).containsEntry("policyId", "<id returned by alertsPolicyCreate>");
      nerdGraph.query(request.get("query").toString(), variables(request, policyId));
    }
    assertThat(f.fake.alertConditions()).extracting(StoredAlertCondition::policyId).containsOnly(policyId);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variables(Map<String, Object> request, String policyId) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>((Map<String, Object>) request.get("variables"));
    if (policyId != null) {
      variables.put("policyId", policyId);
    }
    return variables;
  }

  @Test
  void conditionsOutsideTheDefinitionAreLeftAlone() {
    AlertProvisioner.Result first = provision(AlertPolicyDefinition.circuitBreakerHealth());
    ObjectNode mine = AlertPolicyDefinition.circuitBreakerHealth().conditionInputs().get(1);
    mine.put("name", "Payments failure rate").put("description", "ours");
    nerdGraph.query(AlertProvisioner.CONDITION_CREATE, Map.of("accountId", f.fake.accountId(),
        "policyId", first.policyId(), "condition", mine));

    provision(AlertPolicyDefinition.circuitBreakerHealth());

    assertThat(f.fake.alertConditions()).hasSize(4);
    assertThat(stored("Payments failure rate").at("/description").asText()).isEqualTo("ours");
  }

  @Test
  void anyWindowGivesTermsNerdGraphAccepts() {
    AlertPolicyDefinition definition = AlertPolicyDefinition.builder()
        .aggregationWindow(Duration.ofSeconds(45)).openFor(Duration.ofSeconds(90))
        .failureRateFor(Duration.ofSeconds(90)).build();

    assertThat(provision(definition).conditions()).hasSize(3);
    // The silent condition's term: the shortest whole number of windows of at least 60 s.
    assertThat(stored("Circuit breaker reporter silent").at("/terms/0/thresholdDuration").asInt())
        .isEqualTo(90);
  }

  @Test
  void aRefusedRequestFailsWithNerdGraphsErrorWithoutCountingAgainstTheBreaker() {
    f.fake.faults().next(Api.NERDGRAPH, 1, Fault.graphQlError("INVALID_INPUT", "no, thanks"));

    assertThatThrownBy(() -> provision(AlertPolicyDefinition.circuitBreakerHealth()))
        .isInstanceOf(NerdGraphException.class).hasMessageContaining("no, thanks")
        .satisfies(e -> assertThat(((NerdGraphException) e).isTransient()).isFalse());
    assertThat(nerdGraph.breaker().stats().totalFailures()).isZero();
    assertThat(f.fake.alertPolicies()).isEmpty();
  }

  @Test
  void theDefinitionChecksItsValues() {
    assertThatThrownBy(() -> AlertPolicyDefinition.builder().openFor(Duration.ofSeconds(30)))
        .hasMessage("openFor must be whole seconds within 60 s and 86400 s, was PT30S");
    assertThatThrownBy(() -> AlertPolicyDefinition.builder().failureRateThreshold(100))
        .hasMessage("failureRateThreshold must be in (0, 100), was 100.0");
    assertThatThrownBy(() -> AlertPolicyDefinition.builder().silentAfter(Duration.ofMillis(61_500)))
        .hasMessageStartingWith("silentAfter must be whole seconds");
    assertThatThrownBy(() -> AlertPolicyDefinition.builder().policyName(" "))
        .hasMessage("policyName must not be blank");
    assertThatThrownBy(() -> AlertPolicyDefinition.builder().openFor(Duration.ofSeconds(90)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("openFor must be a multiple of aggregationWindow (60 s), was 90 s");
    AlertPolicyDefinition d = AlertPolicyDefinition.builder().openFor(Duration.ofMinutes(2)).build();
    assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(d.toString()).contains("openFor=PT2M");
  }
}
