package dev.breakwater.redis;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a fleet as Redis holds it: the instances that reported within their TTL, with
 * each breaker's state, and the overrides in force. Immutable.
 *
 * @param fleet the fleet's name
 * @param instances the live instances, ordered by id
 * @param overrides the overrides in force, ordered by breaker name
 */
public record FleetStatus(String fleet, List<InstanceReport> instances, List<FleetOverride> overrides) {

  /**
   * Validates and copies the components.
   *
   * @param fleet the fleet's name
   * @param instances the live instances
   * @param overrides the overrides in force
   * @throws NullPointerException if a component is null
   */
  public FleetStatus {
    Objects.requireNonNull(fleet, "fleet");
    instances = List.copyOf(instances);
    overrides = List.copyOf(overrides);
  }
}
