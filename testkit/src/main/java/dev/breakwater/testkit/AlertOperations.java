package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.testkit.AlertSchema.Argument;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * NerdGraph's alert operations: {@code alertsPolicyCreate}, {@code alertsPolicyUpdate},
 * {@code alertsNrqlConditionStaticCreate}, {@code alertsNrqlConditionStaticUpdate}, and the
 * searches {@code policiesSearch} and {@code nrqlConditionsSearch} under
 * {@code actor.account(id).alerts}. Variables are checked against NerdGraph's input types
 * ({@link AlertSchema}), conditions against its rules ({@link ConditionRules}); a stored or
 * changed condition is handed to the {@link AlertEngine}. Answers carry the fields Breakwater
 * selects, whatever the selection set says. Searches answer in one page ({@code nextCursor}
 * null). Thread-safe.
 */
final class AlertOperations {
  static final List<String> POLICY_CREATE = List.of("alertsPolicyCreate");
  static final List<String> POLICY_UPDATE = List.of("alertsPolicyUpdate");
  static final List<String> CONDITION_CREATE = List.of("alertsNrqlConditionStaticCreate");
  static final List<String> CONDITION_UPDATE = List.of("alertsNrqlConditionStaticUpdate");
  static final List<String> POLICIES_SEARCH = List.of("actor", "account", "alerts",
      "policiesSearch");
  static final List<String> CONDITIONS_SEARCH = List.of("actor", "account", "alerts",
      "nrqlConditionsSearch");

  private final long accountId;
  private final AlertStore store;
  private final AlertEngine engine;

  AlertOperations(long accountId, AlertStore store, AlertEngine engine) {
    this.accountId = accountId;
    this.store = store;
    this.engine = engine;
  }

  ObjectNode createPolicy(String query, JsonNode variables) {
    Optional<ObjectNode> refused = refused(query, variables, AlertSchema.POLICY_CREATE,
        POLICY_CREATE);
    if (refused.isPresent()) {
      return refused.get();
    }
    JsonNode policy = variables.get("policy");
    String name = policy.path("name").asText();
    if (name.isBlank()) {
      return AlertSchema.invalid(POLICY_CREATE, List.of("policy.name must not be blank"));
    }
    return GraphQl.data(POLICY_CREATE, json(store.createPolicy(accountId, name,
        policy.path("incidentPreference").asText())));
  }

  ObjectNode updatePolicy(String query, JsonNode variables) {
    Optional<ObjectNode> refused = refused(query, variables, AlertSchema.POLICY_UPDATE_ARGS,
        POLICY_UPDATE);
    if (refused.isPresent()) {
      return refused.get();
    }
    JsonNode policy = variables.get("policy");
    String name = text(policy, "name");
    if (name != null && name.isBlank()) {
      return AlertSchema.invalid(POLICY_UPDATE, List.of("policy.name must not be blank"));
    }
    String id = variables.get("id").asText();
    return store.updatePolicy(id, name, text(policy, "incidentPreference"))
        .map(p -> GraphQl.data(POLICY_UPDATE, json(p)))
        .orElseGet(() -> AlertSchema.invalid(POLICY_UPDATE, List.of("policy " + id + " not found")));
  }

  ObjectNode createCondition(String query, JsonNode variables) {
    Optional<ObjectNode> refused = refused(query, variables, AlertSchema.CONDITION_CREATE,
        CONDITION_CREATE);
    if (refused.isPresent()) {
      return refused.get();
    }
    String policyId = variables.get("policyId").asText();
    if (store.policy(policyId).filter(p -> p.accountId() == accountId).isEmpty()) {
      return AlertSchema.invalid(CONDITION_CREATE, List.of("policy " + policyId + " not found"));
    }
    ObjectNode condition = ConditionRules.normalized(variables.get("condition"));
    List<String> problems = ConditionRules.problems(condition);
    if (!problems.isEmpty()) {
      return AlertSchema.invalid(CONDITION_CREATE, problems);
    }
    StoredAlertCondition stored = store.createCondition(policyId, condition);
    engine.saved(stored);
    return GraphQl.data(CONDITION_CREATE, json(stored));
  }

  ObjectNode updateCondition(String query, JsonNode variables) {
    Optional<ObjectNode> refused = refused(query, variables, AlertSchema.CONDITION_UPDATE,
        CONDITION_UPDATE);
    if (refused.isPresent()) {
      return refused.get();
    }
    String id = variables.get("id").asText();
    Optional<StoredAlertCondition> old = store.condition(id);
    if (old.isEmpty()) {
      return AlertSchema.invalid(CONDITION_UPDATE, List.of("condition " + id + " not found"));
    }
    ObjectNode condition = ConditionRules.normalized(
        ConditionRules.merge(old.get().condition(), variables.get("condition")));
    List<String> problems = ConditionRules.problems(condition);
    if (!problems.isEmpty()) {
      return AlertSchema.invalid(CONDITION_UPDATE, problems);
    }
    StoredAlertCondition stored = store.replaceCondition(old.get(), condition);
    engine.saved(stored);
    return GraphQl.data(CONDITION_UPDATE, json(stored));
  }

  ObjectNode searchPolicies(String query, JsonNode variables) {
    Optional<ObjectNode> refused = refused(query, variables, AlertSchema.POLICIES_SEARCH,
        POLICIES_SEARCH);
    if (refused.isPresent()) {
      return refused.get();
    }
    JsonNode criteria = variables.path("searchCriteria");
    Set<String> ids = null;
    if (criteria.hasNonNull("ids")) {
      ids = new HashSet<>();
      JsonNode given = criteria.get("ids");
      for (JsonNode id : given.isArray() ? given : Json.array().add(given)) {
        ids.add(id.asText());
      }
    }
    ObjectNode result = Json.object().putNull("nextCursor");
    ArrayNode policies = result.putArray("policies");
    List<StoredAlertPolicy> found = store.searchPolicies(ids, text(criteria, "name"),
        text(criteria, "nameLike")).stream().filter(p -> p.accountId() == accountId).toList();
    found.forEach(p -> policies.add(json(p)));
    result.put("totalCount", found.size());
    return GraphQl.data(POLICIES_SEARCH, result);
  }

  ObjectNode searchConditions(String query, JsonNode variables) {
    Optional<ObjectNode> refused = refused(query, variables, AlertSchema.CONDITIONS_SEARCH,
        CONDITIONS_SEARCH);
    if (refused.isPresent()) {
      return refused.get();
    }
    JsonNode c = variables.path("searchCriteria");
    List<StoredAlertCondition> found = store.searchConditions(new AlertStore.ConditionCriteria(
        text(c, "name"), text(c, "nameLike"), text(c, "policyId"), text(c, "query"),
        text(c, "queryLike")));
    ObjectNode result = Json.object().putNull("nextCursor");
    ArrayNode conditions = result.putArray("nrqlConditions");
    found.forEach(s -> conditions.add(json(s)));
    result.put("totalCount", found.size());
    return GraphQl.data(CONDITIONS_SEARCH, result);
  }

  /** The error for a request NerdGraph would refuse before running it, if any. */
  private Optional<ObjectNode> refused(String query, JsonNode variables, List<Argument> arguments,
      List<String> path) {
    Optional<ObjectNode> wrong = AlertSchema.check(query, variables, arguments, path);
    if (wrong.isPresent()) {
      return wrong;
    }
    long account = variables.get("accountId").asLong();
    if (account != accountId) {
      List<String> at = path.size() > 1 ? List.of("actor", "account") : path;
      return Optional.of(GraphQl.errorBody(Optional.of(GraphQl.nest(at, NullNode.getInstance())),
          "Account " + account + " is not accessible with this API key", GraphQl.FORBIDDEN, at));
    }
    return Optional.empty();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static ObjectNode json(StoredAlertPolicy p) {
    return Json.object().put("id", p.id()).put("name", p.name())
        .put("incidentPreference", p.incidentPreference()).put("accountId", p.accountId());
  }

  private static ObjectNode json(StoredAlertCondition c) {
    ObjectNode out = Json.object().put("id", c.id()).put("policyId", c.policyId())
        .put("type", "STATIC");
    out.setAll((ObjectNode) c.condition());
    return out;
  }
}
