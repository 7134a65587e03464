package dev.breakwater.testkit;

import static dev.breakwater.testkit.Http.json;
import static dev.breakwater.testkit.Http.post;
import static dev.breakwater.testkit.NerdGraphTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** NerdGraph's alert mutations and searches on the fake, and the input checks NerdGraph makes. */
class AlertOperationsTest {
  static final String POLICY_CREATE = "mutation($accountId: Int!, $policy: AlertsPolicyInput!) {"
      + " alertsPolicyCreate(accountId: $accountId, policy: $policy) { id name incidentPreference } }";
  static final String POLICY_UPDATE = "mutation($accountId: Int!, $id: ID!,"
      + " $policy: AlertsPolicyUpdateInput!) { alertsPolicyUpdate(accountId: $accountId, id: $id,"
      + " policy: $policy) { id name incidentPreference } }";
  static final String POLICIES_SEARCH = "query($accountId: Int!,"
      + " $searchCriteria: AlertsPoliciesSearchCriteriaInput, $cursor: String) { actor {"
      + " account(id: $accountId) { alerts { policiesSearch(searchCriteria: $searchCriteria,"
      + " cursor: $cursor) { nextCursor totalCount policies { id name incidentPreference } } } } } }";
  static final String CONDITION_CREATE = "mutation($accountId: Int!, $policyId: ID!,"
      + " $condition: AlertsNrqlConditionStaticInput!) { alertsNrqlConditionStaticCreate("
      + "accountId: $accountId, policyId: $policyId, condition: $condition) { id name } }";
  static final String CONDITION_UPDATE = "mutation($accountId: Int!, $id: ID!,"
      + " $condition: AlertsNrqlConditionUpdateStaticInput!) { alertsNrqlConditionStaticUpdate("
      + "accountId: $accountId, id: $id, condition: $condition) { id name } }";
  static final String CONDITIONS_SEARCH = "query($accountId: Int!,"
      + " $searchCriteria: AlertsNrqlConditionsSearchCriteriaInput, $cursor: String) { actor {"
      + " account(id: $accountId) { alerts { nrqlConditionsSearch(searchCriteria: $searchCriteria,"
      + " cursor: $cursor) { nextCursor nrqlConditions { id name policyId } } } } } }";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final FakeNewRelic fake = FakeNewRelic.start();

  @AfterEach
  void close() {
    fake.close();
  }

  JsonNode graphQl(String body) throws Exception {
    return json(post(fake.nerdGraphUrl(), "/graphql", body, "API-Key", fake.userKey()));
  }

  static ObjectNode condition() throws Exception {
    return (ObjectNode) MAPPER.readTree("{\"name\":\"Breaker open\",\"enabled\":true,"
        + "\"nrql\":{\"query\":\"SELECT percentage(count(*), WHERE state IN ('OPEN', 'HALF_OPEN'))"
        + " FROM CircuitBreakerMetric FACET breakerName, host\"},"
        + "\"terms\":[{\"operator\":\"ABOVE\",\"priority\":\"CRITICAL\",\"threshold\":0,"
        + "\"thresholdDuration\":300,\"thresholdOccurrences\":\"ALL\"}],"
        + "\"signal\":{\"aggregationWindow\":60,\"aggregationMethod\":\"EVENT_FLOW\","
        + "\"aggregationDelay\":120,\"fillOption\":\"LAST_VALUE\"}}");
  }

  private String policy() throws Exception {
    JsonNode created = graphQl(request(POLICY_CREATE, "accountId", fake.accountId(), "policy",
        MAPPER.readTree("{\"name\":\"Circuit Breaker Health\",\"incidentPreference\":\"PER_POLICY\"}")));
    return created.at("/data/alertsPolicyCreate/id").asText();
  }

  private JsonNode create(String policyId, JsonNode condition) throws Exception {
    return graphQl(request(CONDITION_CREATE, "accountId", fake.accountId(), "policyId", policyId,
        "condition", condition));
  }

  @Test
  void createsAPolicyFindsItByNameAndUpdatesIt() throws Exception {
    String id = policy();

    JsonNode found = graphQl(request(POLICIES_SEARCH, "accountId", fake.accountId(),
        "searchCriteria", MAPPER.readTree("{\"name\":\"Circuit Breaker Health\"}")));
    assertThat(found.at("/data/actor/account/alerts/policiesSearch/policies/0/id").asText())
        .isEqualTo(id);
    assertThat(found.at("/data/actor/account/alerts/policiesSearch/totalCount").asInt()).isOne();
    assertThat(found.at("/data/actor/account/alerts/policiesSearch/nextCursor").isNull()).isTrue();
    JsonNode none = graphQl(request(POLICIES_SEARCH, "accountId", fake.accountId(),
        "searchCriteria", MAPPER.readTree("{\"name\":\"Circuit Breaker\"}")));
    assertThat(none.at("/data/actor/account/alerts/policiesSearch/policies").size()).isZero();

    JsonNode updated = graphQl(request(POLICY_UPDATE, "accountId", fake.accountId(), "id", id,
        "policy", MAPPER.readTree("{\"incidentPreference\":\"PER_CONDITION_AND_TARGET\"}")));
    assertThat(updated.at("/data/alertsPolicyUpdate/incidentPreference").asText())
        .isEqualTo("PER_CONDITION_AND_TARGET");
    assertThat(fake.alertPolicies()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo(id);
      assertThat(p.name()).isEqualTo("Circuit Breaker Health");
      assertThat(p.incidentPreference()).isEqualTo("PER_CONDITION_AND_TARGET");
    });
  }

  @Test
  void createsAConditionWithNerdGraphsDefaultsAndUpdatesItInPlace() throws Exception {
    String policyId = policy();
    JsonNode created = create(policyId, condition());
    String id = created.at("/data/alertsNrqlConditionStaticCreate/id").asText();
    assertThat(created.has("errors")).isFalse();

    JsonNode stored = fake.alertConditions().get(0).condition();
    assertThat(stored.at("/expiration/openViolationOnExpiration").asBoolean()).isFalse();
    assertThat(stored.at("/violationTimeLimitSeconds").asInt()).isEqualTo(259_200);

    JsonNode updated = graphQl(request(CONDITION_UPDATE, "accountId", fake.accountId(), "id", id,
        "condition", MAPPER.readTree("{\"terms\":[{\"operator\":\"ABOVE\",\"priority\":\"CRITICAL\","
            + "\"threshold\":0,\"thresholdDuration\":600,\"thresholdOccurrences\":\"ALL\"}],"
            + "\"signal\":{\"aggregationDelay\":60}}")));
    assertThat(updated.at("/data/alertsNrqlConditionStaticUpdate/id").asText()).isEqualTo(id);
    StoredAlertCondition after = fake.alertConditions().get(0);
    assertThat(fake.alertConditions()).hasSize(1);
    assertThat(after.condition().at("/terms/0/thresholdDuration").asInt()).isEqualTo(600);
    assertThat(after.condition().at("/signal/aggregationDelay").asInt()).isEqualTo(60);
    assertThat(after.condition().at("/signal/fillOption").asText()).isEqualTo("LAST_VALUE");

    JsonNode search = graphQl(request(CONDITIONS_SEARCH, "accountId", fake.accountId(),
        "searchCriteria", MAPPER.readTree("{\"policyId\":\"" + policyId + "\",\"name\":\"Breaker open\"}")));
    JsonNode conditions = search.at("/data/actor/account/alerts/nrqlConditionsSearch/nrqlConditions");
    assertThat(conditions.size()).isOne();
    assertThat(conditions.at("/0/id").asText()).isEqualTo(id);
    assertThat(conditions.at("/0/policyId").asText()).isEqualTo(policyId);
    assertThat(conditions.at("/0/terms/0/thresholdDuration").asInt()).isEqualTo(600);
  }

  @Test
  void enumsOutsideTheirTypeAreValidationErrorsNamingTheField() throws Exception {
    ObjectNode bad = condition();
    ((ObjectNode) bad.at("/terms/0")).put("operator", "GREATER");
    ((ObjectNode) bad.at("/terms/0")).put("thresholdOccurrences", "ALWAYS");

    JsonNode body = create(policy(), bad);

    assertThat(body.at("/errors/0/extensions/errorClass").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(body.at("/errors/0/message").asText())
        .contains("Variable $condition of type AlertsNrqlConditionStaticInput!")
        .contains("terms[0].operator: expected AlertsNrqlConditionTermsOperator (one of ABOVE,")
        .contains("found \"GREATER\"")
        .contains("terms[0].thresholdOccurrences: expected AlertsNrqlConditionThresholdOccurrences");
    assertThat(fake.alertConditions()).isEmpty();
  }

  @Test
  void missingRequiredFieldsUnknownFieldsAndWrongScalarsAreValidationErrors() throws Exception {
    String policyId = policy();
    ObjectNode bad = condition();
    bad.remove("enabled");
    bad.put("color", "red");
    ((ObjectNode) bad.get("signal")).put("aggregationWindow", "60s");

    String message = create(policyId, bad).at("/errors/0/message").asText();

    assertThat(message).contains("enabled: expected non-null Boolean, found null")
        .contains("color: field is not defined on AlertsNrqlConditionStaticInput")
        .contains("signal.aggregationWindow: expected Seconds, found \"60s\"");
  }

  @Test
  void aVariableDeclaredWithAnotherTypeIsRefused() throws Exception {
    JsonNode body = graphQl(request(CONDITION_CREATE.replace("$policyId: ID!", "$policyId: Int!"),
        "accountId", fake.accountId(), "policyId", 1, "condition", condition()));

    assertThat(body.at("/errors/0/message").asText())
        .isEqualTo("Variable $policyId of type Int! cannot be used where ID! is expected.");
  }

  @Test
  void documentedLimitsAreInvalidInputWithNullData() throws Exception {
    ObjectNode bad = condition();
    ((ObjectNode) bad.at("/terms/0")).put("thresholdDuration", 90);
    ((ObjectNode) bad.get("signal")).put("aggregationWindow", 20).put("aggregationTimer", 30);
    ((ObjectNode) bad.get("nrql")).put("query", "SELECT count(*) FROM X SINCE 5 minutes ago");

    JsonNode body = create(policy(), bad);

    assertThat(body.at("/data/alertsNrqlConditionStaticCreate").isNull()).isTrue();
    assertThat(body.at("/errors/0/extensions/errorClass").asText()).isEqualTo("INVALID_INPUT");
    assertThat(body.at("/errors/0/message").asText())
        .contains("signal.aggregationWindow must be 30..21600 seconds, was 20")
        .contains("signal.aggregationTimer applies only with aggregationMethod EVENT_TIMER")
        .contains("terms[0].thresholdDuration must be a multiple of aggregationWindow (20), was 90")
        .contains("nrql.query must not use SINCE in an alert condition");
  }

  @Test
  void termsAreRequiredUnlessTheExpirationOpensALossOfSignalIncident() throws Exception {
    String policyId = policy();
    ObjectNode silent = condition();
    silent.remove("terms");

    assertThat(create(policyId, silent).at("/errors/0/message").asText())
        .contains("terms must not be empty unless expiration.openViolationOnExpiration is true");

    silent.set("expiration", MAPPER.readTree("{\"expirationDuration\":300,"
        + "\"openViolationOnExpiration\":true}"));
    assertThat(create(policyId, silent).has("errors")).isFalse();
  }

  @Test
  void anUnknownPolicyOrAnotherAccountIsRefused() throws Exception {
    assertThat(create("999", condition()).at("/errors/0/message").asText())
        .contains("policy 999 not found");
    JsonNode other = graphQl(request(POLICIES_SEARCH, "accountId", 42));
    assertThat(other.at("/errors/0/extensions/errorClass").asText()).isEqualTo("FORBIDDEN");
    assertThat(other.at("/data/actor/account").isNull()).isTrue();
  }

  @Test
  void clearForgetsPoliciesConditionsAndIncidents() throws Exception {
    create(policy(), condition());

    fake.clear();

    assertThat(fake.alertPolicies()).isEmpty();
    assertThat(fake.alertConditions()).isEmpty();
    assertThat(fake.incidents()).isEmpty();
  }
}
