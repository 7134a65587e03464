package dev.breakwater.redis;

import dev.breakwater.CircuitState;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * An operator's handle on a fleet, for tools that are not instances themselves (the
 * {@code breakwater fleet} command, a runbook script): set and clear overrides, read the fleet's
 * status. It holds no connection and no thread: each command connects, runs with the timeout and
 * disconnects.
 *
 * <pre>{@code
 * FleetControl control = FleetControl.builder(URI.create("redis://redis.internal:6379"))
 *     .fleet("checkout")
 *     .build();
 * control.forceOpen("payments", Duration.ofMinutes(10), "PSP outage INC-4711");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FleetControl {
  private final FleetAdmin admin;
  private final String issuedBy;

  private FleetControl(FleetAdmin admin, String issuedBy) {
    this.admin = admin;
    this.issuedBy = issuedBy;
  }

  /**
   * Starts describing a handle on a fleet.
   *
   * @param redis the Redis server, as for {@link RedisFleet#builder}
   * @return a builder
   * @throws IllegalArgumentException if {@code redis} is not a redis:// or rediss:// URI with a host
   * @throws NullPointerException if {@code redis} is null
   */
  public static Builder builder(URI redis) {
    return new Builder(redis);
  }

  /**
   * Forces {@code breakerName} open on every instance of the fleet for {@code ttl}, as
   * {@link RedisFleet#forceOpen(String, Duration, String)} does.
   *
   * @param breakerName the breaker
   * @param ttl how long the override lasts, 1 ms to 30 days
   * @param reason why, shown in every instance's state-change event and log
   * @throws FleetUnavailableException if Redis did not store the override within the timeout
   * @throws IllegalArgumentException if {@code breakerName} is blank or {@code ttl} out of range
   * @throws NullPointerException if an argument is null
   */
  public void forceOpen(String breakerName, Duration ttl, String reason) {
    set(breakerName, CircuitState.FORCED_OPEN, ttl, reason);
  }

  /**
   * Disables {@code breakerName} on every instance of the fleet for {@code ttl}, as
   * {@link RedisFleet#disable(String, Duration, String)} does.
   *
   * @param breakerName the breaker
   * @param ttl how long the override lasts, 1 ms to 30 days
   * @param reason why, shown in every instance's state-change event and log
   * @throws FleetUnavailableException if Redis did not store the override within the timeout
   * @throws IllegalArgumentException if {@code breakerName} is blank or {@code ttl} out of range
   * @throws NullPointerException if an argument is null
   */
  public void disable(String breakerName, Duration ttl, String reason) {
    set(breakerName, CircuitState.DISABLED, ttl, reason);
  }

  private void set(String breakerName, CircuitState mode, Duration ttl, String reason) {
    Checks.breaker(breakerName);
    Checks.ttl(ttl);
    Objects.requireNonNull(reason, "reason");
    admin.set(breakerName, mode, ttl, issuedBy, reason);
  }

  /**
   * Removes the override of {@code breakerName}, as {@link RedisFleet#clear(String)} does.
   *
   * @param breakerName the breaker
   * @return whether there was an override to remove
   * @throws FleetUnavailableException if Redis did not answer within the timeout
   * @throws IllegalArgumentException if {@code breakerName} is blank
   * @throws NullPointerException if {@code breakerName} is null
   */
  public boolean clear(String breakerName) {
    return admin.clear(Checks.breaker(breakerName));
  }

  /**
   * Reads the fleet's status: every live instance's breakers and the overrides in force.
   *
   * @return a snapshot of the fleet
   * @throws FleetUnavailableException if Redis did not answer within the timeout
   */
  public FleetStatus status() {
    return admin.status();
  }

  /** Describes a {@link FleetControl}. Not thread-safe. */
  public static final class Builder {
    private final URI redis;
    private String fleet = "default";
    private Duration timeout = Duration.ofSeconds(2);
    private String issuedBy;

    private Builder(URI redis) {
      this.redis = Checks.redis(redis);
    }

    /**
     * Names the fleet, as {@link RedisFleet.Builder#fleet(String)}. Default {@code "default"}.
     *
     * @param fleet the fleet's name
     * @return this builder
     * @throws IllegalArgumentException if {@code fleet} is not a valid name
     * @throws NullPointerException if {@code fleet} is null
     */
    public Builder fleet(String fleet) {
      this.fleet = Checks.fleet(fleet);
      return this;
    }

    /**
     * Sets the connect and socket timeout of each command, 10 ms to 1 h. Default 2 s.
     *
     * @param timeout the timeout
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is out of range
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.positive("timeout", timeout, Duration.ofMillis(10));
      return this;
    }

    /**
     * Names who issues the overrides, shown with them everywhere. Default {@code user@host}.
     *
     * @param issuedBy the operator's name; not blank, no control characters
     * @return this builder
     * @throws IllegalArgumentException if {@code issuedBy} is not a valid name
     * @throws NullPointerException if {@code issuedBy} is null
     */
    public Builder issuedBy(String issuedBy) {
      this.issuedBy = Checks.name("issuedBy", issuedBy);
      return this;
    }

    /**
     * Builds the handle; nothing connects until a command runs.
     *
     * @return the handle
     */
    public FleetControl build() {
      String by = issuedBy != null ? issuedBy : InstanceIds.operator();
      return new FleetControl(new FleetAdmin(new Connector(redis, timeout, "breakwater-control:" + by), fleet), by);
    }
  }
}
