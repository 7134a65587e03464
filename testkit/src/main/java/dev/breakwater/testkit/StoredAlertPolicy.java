package dev.breakwater.testkit;

import java.util.Objects;

/**
 * An alert policy that {@link FakeNewRelic} stored from {@code alertsPolicyCreate} (and
 * {@code alertsPolicyUpdate}). Immutable and thread-safe.
 *
 * @param id the policy id, a string of digits as NerdGraph returns it
 * @param accountId the account the policy was created in
 * @param name the policy's name
 * @param incidentPreference {@code PER_POLICY}, {@code PER_CONDITION} or
 *     {@code PER_CONDITION_AND_TARGET}
 */
public record StoredAlertPolicy(String id, long accountId, String name, String incidentPreference) {

  /**
   * Checks that no component is null.
   *
   * @param id the {@link #id()} component
   * @param accountId the {@link #accountId()} component
   * @param name the {@link #name()} component
   * @param incidentPreference the {@link #incidentPreference()} component
   * @throws NullPointerException if {@code id}, {@code name} or {@code incidentPreference} is null
   */
  public StoredAlertPolicy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(incidentPreference, "incidentPreference");
  }
}
