package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alert policies and NRQL conditions the fake stores, with NerdGraph's search semantics:
 * {@code name} matches exactly, {@code nameLike} and {@code queryLike} match a substring,
 * ignoring case. Ids are strings of digits, policies from 1000001 and conditions from 2000001.
 * Thread-safe.
 */
final class AlertStore {
  private final Map<String, StoredAlertPolicy> policies = new LinkedHashMap<>();
  private final Map<String, StoredAlertCondition> conditions = new LinkedHashMap<>();
  private long lastPolicy = 1_000_000;
  private long lastCondition = 2_000_000;

  synchronized StoredAlertPolicy createPolicy(long accountId, String name, String preference) {
    StoredAlertPolicy policy = new StoredAlertPolicy(Long.toString(++lastPolicy), accountId, name,
        preference);
    policies.put(policy.id(), policy);
    return policy;
  }

  /** Changes the fields given (null keeps a field); empty if the id is unknown. */
  synchronized Optional<StoredAlertPolicy> updatePolicy(String id, String name,
      String preference) {
    StoredAlertPolicy old = policies.get(id);
    if (old == null) {
      return Optional.empty();
    }
    StoredAlertPolicy updated = new StoredAlertPolicy(id, old.accountId(),
        name == null ? old.name() : name, preference == null ? old.incidentPreference() : preference);
    policies.put(id, updated);
    return Optional.of(updated);
  }

  synchronized Optional<StoredAlertPolicy> policy(String id) {
    return Optional.ofNullable(policies.get(id));
  }

  synchronized List<StoredAlertPolicy> policies() {
    return List.copyOf(policies.values());
  }

  synchronized List<StoredAlertPolicy> searchPolicies(Set<String> ids, String name,
      String nameLike) {
    return policies.values().stream()
        .filter(p -> ids == null || ids.contains(p.id()))
        .filter(p -> name == null || p.name().equals(name))
        .filter(p -> nameLike == null || contains(p.name(), nameLike))
        .toList();
  }

  synchronized StoredAlertCondition createCondition(String policyId, JsonNode condition) {
    StoredAlertCondition stored = new StoredAlertCondition(Long.toString(++lastCondition),
        policyId, condition.path("name").asText(), condition);
    conditions.put(stored.id(), stored);
    return stored;
  }

  synchronized Optional<StoredAlertCondition> condition(String id) {
    return Optional.ofNullable(conditions.get(id));
  }

  synchronized StoredAlertCondition replaceCondition(StoredAlertCondition old, JsonNode condition) {
    StoredAlertCondition stored = new StoredAlertCondition(old.id(), old.policyId(),
        condition.path("name").asText(), condition);
    conditions.put(stored.id(), stored);
    return stored;
  }

  synchronized List<StoredAlertCondition> conditions() {
    return List.copyOf(conditions.values());
  }

  /** Search criteria of {@code nrqlConditionsSearch}; null matches anything. */
  record ConditionCriteria(String name, String nameLike, String policyId, String query,
      String queryLike) {}

  synchronized List<StoredAlertCondition> searchConditions(ConditionCriteria c) {
    return conditions.values().stream()
        .filter(s -> c.name() == null || s.name().equals(c.name()))
        .filter(s -> c.nameLike() == null || contains(s.name(), c.nameLike()))
        .filter(s -> c.policyId() == null || s.policyId().equals(c.policyId()))
        .filter(s -> c.query() == null || query(s).equals(c.query()))
        .filter(s -> c.queryLike() == null || contains(query(s), c.queryLike()))
        .toList();
  }

  synchronized void clear() {
    policies.clear();
    conditions.clear();
  }

  private static String query(StoredAlertCondition c) {
    return c.condition().path("nrql").path("query").asText();
  }

  private static boolean contains(String text, String part) {
    return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
  }
}
