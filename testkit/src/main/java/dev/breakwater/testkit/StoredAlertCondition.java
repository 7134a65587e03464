package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A static NRQL alert condition that {@link FakeNewRelic} stored from
 * {@code alertsNrqlConditionStaticCreate} (and {@code alertsNrqlConditionStaticUpdate}).
 * Immutable and thread-safe: {@link #condition()} returns a copy.
 *
 * @param id the condition id, a string of digits as NerdGraph returns it
 * @param policyId the id of the policy the condition belongs to
 * @param name the condition's name
 * @param condition the condition as NerdGraph returns it: the fields sent, merged with later
 *     updates, and the defaults filled in ({@code signal.aggregationWindow} 60,
 *     {@code aggregationMethod} EVENT_FLOW, {@code aggregationDelay} 120, {@code fillOption}
 *     NONE, ...)
 */
public record StoredAlertCondition(String id, String policyId, String name, JsonNode condition) {

  /**
   * Copies the condition so later changes to the caller's tree do not leak in.
   *
   * @param id the {@link #id()} component
   * @param policyId the {@link #policyId()} component
   * @param name the {@link #name()} component
   * @param condition the {@link #condition()} component
   * @throws NullPointerException if any component is null
   */
  public StoredAlertCondition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(name, "name");
    condition = Objects.requireNonNull(condition, "condition").deepCopy();
  }

  /**
   * Returns the condition as NerdGraph returns it.
   *
   * @return a copy, free to modify
   */
  @Override
  public JsonNode condition() {
    return condition.deepCopy();
  }
}
