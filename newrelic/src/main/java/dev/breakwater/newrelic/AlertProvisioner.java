package dev.breakwater.newrelic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Creates the "Circuit Breaker Health" alert policy and its NRQL conditions
 * ({@link AlertPolicyDefinition}) in a New Relic account through NerdGraph, or updates them,
 * found by name, so that running it again creates nothing new and applies changed thresholds:
 * {@code policiesSearch} by the policy's name, then {@code alertsPolicyCreate} or
 * {@code alertsPolicyUpdate}; {@code nrqlConditionsSearch} of the policy's conditions, then
 * {@code alertsNrqlConditionStaticCreate} or {@code alertsNrqlConditionStaticUpdate} for each.
 * Other conditions in the policy are left alone. A refused mutation fails with a
 * {@link NerdGraphException} carrying NerdGraph's errors.
 *
 * <pre>{@code
 * AlertProvisioner.Result result = AlertProvisioner
 *     .create(nerdGraph, AlertPolicyDefinition.circuitBreakerHealth())
 *     .provision(1234567);
 * }</pre>
 *
 * <p>Thread-safe, but two concurrent provisions of one policy may both create it.
 */
public final class AlertProvisioner {
  static final String POLICIES_SEARCH = "query($accountId: Int!,"
      + " $searchCriteria: AlertsPoliciesSearchCriteriaInput, $cursor: String) { actor {"
      + " account(id: $accountId) { alerts { policiesSearch(searchCriteria: $searchCriteria,"
      + " cursor: $cursor) { nextCursor policies { id name incidentPreference } } } } } }";
  static final String POLICY_CREATE = "mutation($accountId: Int!, $policy: AlertsPolicyInput!) {"
      + " alertsPolicyCreate(accountId: $accountId, policy: $policy) {"
      + " id name incidentPreference } }";
  static final String POLICY_UPDATE = "mutation($accountId: Int!, $id: ID!,"
      + " $policy: AlertsPolicyUpdateInput!) { alertsPolicyUpdate(accountId: $accountId, id: $id,"
      + " policy: $policy) { id name incidentPreference } }";
  static final String CONDITIONS_SEARCH = "query($accountId: Int!,"
      + " $searchCriteria: AlertsNrqlConditionsSearchCriteriaInput, $cursor: String) { actor {"
      + " account(id: $accountId) { alerts { nrqlConditionsSearch(searchCriteria: $searchCriteria,"
      + " cursor: $cursor) { nextCursor nrqlConditions { id name policyId } } } } } }";
  static final String CONDITION_CREATE = "mutation($accountId: Int!, $policyId: ID!,"
      + " $condition: AlertsNrqlConditionStaticInput!) { alertsNrqlConditionStaticCreate("
      + "accountId: $accountId, policyId: $policyId, condition: $condition) { id name policyId } }";
  static final String CONDITION_UPDATE = "mutation($accountId: Int!, $id: ID!,"
      + " $condition: AlertsNrqlConditionUpdateStaticInput!) { alertsNrqlConditionStaticUpdate("
      + "accountId: $accountId, id: $id, condition: $condition) { id name policyId } }";
  /** What a dry run shows for the id {@code alertsPolicyCreate} will return. */
  static final String POLICY_ID_PLACEHOLDER = "<id returned by alertsPolicyCreate>";
  private static final int MAX_SEARCH_PAGES = 25;
  private static final System.Logger LOG = System.getLogger("dev.breakwater.newrelic.AlertProvisioner");

  private final NerdGraphClient nerdGraph;
  private final AlertPolicyDefinition definition;

  private AlertProvisioner(NerdGraphClient nerdGraph, AlertPolicyDefinition definition) {
    this.nerdGraph = nerdGraph;
    this.definition = definition;
  }

  /**
   * Creates a provisioner of {@code definition}.
   *
   * @param nerdGraph the client that sends the queries and mutations
   * @param definition the policy and thresholds to provision
   * @return a new provisioner
   * @throws NullPointerException if an argument is null
   */
  public static AlertProvisioner create(NerdGraphClient nerdGraph, AlertPolicyDefinition definition) {
    return new AlertProvisioner(Objects.requireNonNull(nerdGraph, "nerdGraph"),
        Objects.requireNonNull(definition, "definition"));
  }

  /** What provisioning did to the policy or to a condition. */
  public enum Action {
    /** None of that name existed, so it was created. */
    CREATED,
    /** One of that name existed and was updated in place (same id). */
    UPDATED
  }

  /**
   * What provisioning did to one condition.
   *
   * @param id the condition's id
   * @param name the condition's name
   * @param action whether it was created or updated
   */
  public record ConditionResult(String id, String name, Action action) {}

  /**
   * The outcome of a provisioning.
   *
   * @param policyId the policy's id
   * @param policyName the policy's name
   * @param policyAction whether the policy was created or updated
   * @param conditions the conditions, in the definition's order
   */
  public record Result(String policyId, String policyName, Action policyAction,
      List<ConditionResult> conditions) {

    /**
     * Copies the conditions.
     *
     * @param policyId the {@link #policyId()} component
     * @param policyName the {@link #policyName()} component
     * @param policyAction the {@link #policyAction()} component
     * @param conditions the {@link #conditions()} component
     */
    public Result {
      conditions = List.copyOf(conditions);
    }
  }

  /**
   * Creates or updates the policy and its conditions in {@code accountId}.
   *
   * @param accountId the account the policy lives in
   * @return the ids, and what was done to each
   * @throws NerdGraphException if a request failed or NerdGraph refused a mutation
   * @throws dev.breakwater.CallNotPermittedException if the NerdGraph circuit is open
   */
  public Result provision(long accountId) {
    List<JsonNode> policies = search(POLICIES_SEARCH, accountId,
        NerdGraphClient.JSON.createObjectNode().put("name", definition.policyName()),
        data -> data.path("actor").path("account").path("alerts").path("policiesSearch"),
        "policies").stream().filter(p -> definition.policyName().equals(p.path("name").asText()))
        .toList();
    if (policies.size() > 1) {
      LOG.log(Level.WARNING, "account {0} has {1} alert policies named ''{2}''; updating {3}",
          accountId, policies.size(), definition.policyName(), policies.get(0).path("id").asText());
    }
    String policyId;
    Action policyAction;
    if (policies.isEmpty()) {
      policyId = id(nerdGraph.query(POLICY_CREATE, Map.of("accountId", accountId, "policy",
          definition.policyInput())).path("alertsPolicyCreate"), "alertsPolicyCreate");
      policyAction = Action.CREATED;
    } else {
      policyId = policies.get(0).path("id").asText();
      ObjectNode update = definition.policyInput();
      update.remove("name");
      id(nerdGraph.query(POLICY_UPDATE, Map.of("accountId", accountId, "id", policyId, "policy",
          update)).path("alertsPolicyUpdate"), "alertsPolicyUpdate");
      policyAction = Action.UPDATED;
    }
    Map<String, String> existing = new LinkedHashMap<>();
    if (policyAction == Action.UPDATED) {
      for (JsonNode c : search(CONDITIONS_SEARCH, accountId,
          NerdGraphClient.JSON.createObjectNode().put("policyId", policyId),
          data -> data.path("actor").path("account").path("alerts").path("nrqlConditionsSearch"),
          "nrqlConditions")) {
        if (policyId.equals(c.path("policyId").asText())) {
          existing.putIfAbsent(c.path("name").asText(), c.path("id").asText());
        }
      }
    }
    List<ConditionResult> conditions = new ArrayList<>();
    for (ObjectNode condition : definition.conditionInputs()) {
      String name = condition.path("name").asText();
      String id = existing.get(name);
      if (id == null) {
        id = id(nerdGraph.query(CONDITION_CREATE, Map.of("accountId", accountId, "policyId",
            policyId, "condition", condition)).path("alertsNrqlConditionStaticCreate"),
            "alertsNrqlConditionStaticCreate");
        conditions.add(new ConditionResult(id, name, Action.CREATED));
      } else {
        id(nerdGraph.query(CONDITION_UPDATE, Map.of("accountId", accountId, "id", id,
            "condition", condition)).path("alertsNrqlConditionStaticUpdate"),
            "alertsNrqlConditionStaticUpdate");
        conditions.add(new ConditionResult(id, name, Action.UPDATED));
      }
    }
    return new Result(policyId, definition.policyName(), policyAction, conditions);
  }

  /**
   * The mutations and variables a provisioning would send to an account without the policy:
   * {@code alertsPolicyCreate}, then {@code alertsNrqlConditionStaticCreate} for each
   * condition, whose {@code policyId} is shown as {@code "<id returned by alertsPolicyCreate>"};
   * for dry runs. Sends nothing.
   *
   * @param definition the policy to create
   * @param accountId the account to create it in
   * @return one map per mutation, with the mutation text under {@code query} and its
   *     {@code variables}
   */
  public static List<Map<String, Object>> createRequests(AlertPolicyDefinition definition,
      long accountId) {
    List<Map<String, Object>> requests = new ArrayList<>();
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("accountId", accountId);
    policy.put("policy", definition.policyInput());
    requests.add(request(POLICY_CREATE, policy));
    for (ObjectNode condition : definition.conditionInputs()) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("accountId", accountId);
      variables.put("policyId", POLICY_ID_PLACEHOLDER);
      variables.put("condition", condition);
      requests.add(request(CONDITION_CREATE, variables));
    }
    return requests;
  }

  private static Map<String, Object> request(String query, Map<String, Object> variables) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("query", query);
    request.put("variables", variables);
    return request;
  }

  /** Every item of a search's pages. */
  private List<JsonNode> search(String query, long accountId, ObjectNode criteria,
      Function<JsonNode, JsonNode> results, String items) {
    List<JsonNode> found = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_SEARCH_PAGES; page++) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("accountId", accountId);
      variables.put("searchCriteria", criteria);
      variables.put("cursor", cursor);
      JsonNode result = results.apply(nerdGraph.query(query, variables));
      result.path(items).forEach(found::add);
      JsonNode next = result.path("nextCursor");
      if (!next.isTextual() || next.asText().isEmpty()) {
        break;
      }
      cursor = next.asText();
    }
    return found;
  }

  private static String id(JsonNode result, String mutation) {
    JsonNode id = result.path("id");
    if (!id.isTextual() && !id.isIntegralNumber()) {
      throw new NerdGraphException("NerdGraph's " + mutation + " returned no id", 200, false,
          List.of(), result, null);
    }
    return id.asText();
  }

  @Override
  public String toString() {
    return "AlertProvisioner{" + definition.policyName() + "}";
  }
}
