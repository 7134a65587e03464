package dev.breakwater.redis;

import dev.breakwater.CircuitState;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fleet-wide override of one breaker, as Redis holds it: every instance that has the breaker
 * keeps it in {@code mode} until Redis expires the override or someone clears it. Immutable.
 *
 * @param breakerName the breaker's name
 * @param mode {@link CircuitState#FORCED_OPEN} or {@link CircuitState#DISABLED}
 * @param remaining how long until Redis expires the override
 * @param issuedBy who set it: an instance id, or {@code user@host} for the CLI
 * @param reason why, in the issuer's words
 */
public record FleetOverride(String breakerName, CircuitState mode, Duration remaining,
    String issuedBy, String reason) {

  /**
   * Validates the components.
   *
   * @param breakerName the breaker's name
   * @param mode {@link CircuitState#FORCED_OPEN} or {@link CircuitState#DISABLED}
   * @param remaining how long until Redis expires the override
   * @param issuedBy who set it
   * @param reason why
   * @throws IllegalArgumentException if {@code mode} is not FORCED_OPEN or DISABLED
   * @throws NullPointerException if a component is null
   */
  public FleetOverride {
    Objects.requireNonNull(breakerName, "breakerName");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(issuedBy, "issuedBy");
    Objects.requireNonNull(reason, "reason");
    if (mode != CircuitState.FORCED_OPEN && mode != CircuitState.DISABLED) {
      throw new IllegalArgumentException("mode must be FORCED_OPEN or DISABLED, was " + mode);
    }
  }

  /** The stored value: mode, issuer and reason on separate lines (the reason may hold more). */
  static String encode(CircuitState mode, String issuedBy, String reason) {
    return mode.name() + "\n" + issuedBy.replace('\n', ' ') + "\n" + reason;
  }

  /** Reads a stored value; empty if it is not one of ours or has no positive TTL. */
  static Optional<FleetOverride> decode(String breakerName, String value, long ttlMillis) {
    if (value == null || ttlMillis <= 0) {
      return Optional.empty();
    }
    String[] parts = value.split("\n", 3);
    if (parts.length < 3) {
      return Optional.empty();
    }
    CircuitState mode;
    if (parts[0].equals("FORCED_OPEN")) {
      mode = CircuitState.FORCED_OPEN;
    } else if (parts[0].equals("DISABLED")) {
      mode = CircuitState.DISABLED;
    } else {
      return Optional.empty();
    }
    return Optional.of(new FleetOverride(breakerName, mode, Duration.ofMillis(ttlMillis), parts[1], parts[2]));
  }
}
