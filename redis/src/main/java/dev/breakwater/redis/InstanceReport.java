package dev.breakwater.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one instance of the fleet last reported. Immutable.
 *
 * @param instanceId the instance's id
 * @param sinceLastReport how long ago, on the Redis server's clock, the instance last reported
 * @param breakers each of its breakers, ordered by name
 */
public record InstanceReport(String instanceId, Duration sinceLastReport, List<BreakerReport> breakers) {

  /**
   * Validates and copies the components.
   *
   * @param instanceId the instance's id
   * @param sinceLastReport how long ago the instance last reported
   * @param breakers each of its breakers
   * @throws NullPointerException if a component is null
   */
  public InstanceReport {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(sinceLastReport, "sinceLastReport");
    breakers = List.copyOf(breakers);
  }
}
