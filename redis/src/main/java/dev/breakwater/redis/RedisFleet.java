package dev.breakwater.redis;

import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import dev.breakwater.Subscription;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Shares the breakers of one {@link CircuitBreakerRegistry} with the other instances of a fleet
 * through Redis, off the call path: decisions stay local and fast, and the fleet informs them.
 *
 * <ul>
 *   <li><b>Reports</b>: each breaker's state and window, on every transition (polled every
 *       {@code pollInterval}) and in full every {@code refreshInterval}; see {@link #status()}.
 *   <li><b>Overrides</b>: {@link #forceOpen(String, Duration)}, {@link #disable(String, Duration)}
 *       and {@link #clear(String)} reach every instance within about a second (a pub/sub notice,
 *       and a re-read every {@code refreshInterval} in case one is missed) and end by themselves
 *       when their TTL runs out. Each shows as a {@code StateChanged} event whose reason starts
 *       with {@code "fleet override"}, and is logged.
 *   <li><b>Restart memory</b>: a breaker that opened on any instance is remembered for the rest of
 *       its retry delay; a new instance (or a new breaker) starts OPEN for what is left of it.
 *   <li><b>Quorum</b>, opt-in per breaker: see {@link QuorumPolicy}.
 * </ul>
 *
 * <p>Calls through the breakers never touch Redis or any fleet code: the fleet attaches no
 * listener to the breakers and learns their states by polling. It runs on two daemon threads of
 * its own (a worker and a subscriber); every Redis command has a timeout. When Redis is
 * unreachable the breakers run local-only (logged once), overrides still end at their TTL, and the
 * fleet reconverges when Redis returns.
 *
 * <pre>{@code
 * CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
 * try (RedisFleet fleet = RedisFleet.builder(registry, URI.create("redis://redis.internal:6379"))
 *     .fleet("checkout")
 *     .build()) {
 *   fleet.forceOpen("payments", Duration.ofMinutes(10), "PSP outage INC-4711");
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RedisFleet implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.redis.RedisFleet");

  private final FleetConfig config;
  private final Connector connector;
  private final Wakeup wakeup = new Wakeup();
  private final FleetWorker worker;
  private final EventSubscriber subscriber;
  private final FleetAdmin admin;
  private final Thread workerThread;
  private final Thread subscriberThread;
  private final Subscription registrySubscription;
  private final Object closeLock = new Object();
  private boolean closed;

  private RedisFleet(FleetConfig config) {
    this.config = config;
    this.connector = new Connector(config.redis(), config.timeout(),
        "breakwater-fleet:" + config.fleet() + ":" + config.instanceId());
    Keys keys = new Keys(config.fleet());
    long maxBackoff = config.refreshInterval().toNanos();
    this.subscriber = new EventSubscriber(connector, keys, config.instanceId(), wakeup, maxBackoff);
    this.worker = new FleetWorker(config, new FleetLink(connector, config.fleet(), maxBackoff),
        new FleetStore(keys, config.instanceId(), config.instanceTtl()), wakeup, subscriber);
    this.admin = new FleetAdmin(connector, config.fleet());
    String prefix = "breakwater-fleet-" + config.fleet();
    this.workerThread = new Thread(worker, prefix + "-worker");
    this.subscriberThread = new Thread(subscriber, prefix + "-events");
    workerThread.setDaemon(true);
    subscriberThread.setDaemon(true);
    // Only wakes the worker: a new breaker gets the fleet's overrides and memory at once.
    this.registrySubscription = config.registry().onEvent(event -> wakeup.signal(Wakeup.POLL));
  }

  /**
   * Starts describing a fleet.
   *
   * @param registry the breakers this instance shares with the fleet
   * @param redis the Redis server, {@code redis://[user:password@]host[:port][/database]} or
   *     {@code rediss://...} for TLS
   * @return a builder
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code redis} is not a redis:// or rediss:// URI with a host
   */
  public static Builder builder(CircuitBreakerRegistry registry, URI redis) {
    return new Builder(registry, redis);
  }

  private void start() {
    subscriberThread.start();
    workerThread.start();
    try {
      // So that restart memory and overrides are in place before the application's first call.
      worker.awaitFirstCycle(3 * config.timeout().toMillis() + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int breakers = config.registry().all().size();
    LOG.log(Level.INFO, () -> "fleet '" + config.fleet() + "': instance '" + config.instanceId()
        + "' shares " + breakers + (breakers == 1 ? " breaker" : " breakers") + " through Redis at "
        + connector.describe() + (worker.connected() ? "" : " (unreachable for now: local-only)"));
  }

  /**
   * Returns the fleet's name.
   *
   * @return the fleet's name
   */
  public String fleet() {
    return config.fleet();
  }

  /**
   * Returns this instance's id in the fleet.
   *
   * @return the instance id
   */
  public String instanceId() {
    return config.instanceId();
  }

  /**
   * Forces {@code breakerName} open on every instance of the fleet for {@code ttl}, with a
   * generic reason. See {@link #forceOpen(String, Duration, String)}.
   *
   * @param breakerName the breaker
   * @param ttl how long the override lasts, 1 ms to 30 days
   * @throws FleetUnavailableException if Redis did not store the override within the timeout
   * @throws IllegalArgumentException if {@code breakerName} is blank or {@code ttl} out of range
   * @throws NullPointerException if an argument is null
   */
  public void forceOpen(String breakerName, Duration ttl) {
    forceOpen(breakerName, ttl, "forced open from instance " + config.instanceId());
  }

  /**
   * Forces {@code breakerName} open on every instance of the fleet for {@code ttl}: Redis stores
   * the override with the TTL and notifies the fleet; every instance that has the breaker, this
   * one included, moves it to {@link CircuitState#FORCED_OPEN} within about a second, and back
   * to CLOSED when the TTL runs out or the override is cleared. Setting it again replaces it.
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
   * Disables {@code breakerName} on every instance of the fleet for {@code ttl}, with a generic
   * reason. See {@link #disable(String, Duration, String)}.
   *
   * @param breakerName the breaker
   * @param ttl how long the override lasts, 1 ms to 30 days
   * @throws FleetUnavailableException if Redis did not store the override within the timeout
   * @throws IllegalArgumentException if {@code breakerName} is blank or {@code ttl} out of range
   * @throws NullPointerException if an argument is null
   */
  public void disable(String breakerName, Duration ttl) {
    disable(breakerName, ttl, "disabled from instance " + config.instanceId());
  }

  /**
   * Disables {@code breakerName} on every instance of the fleet for {@code ttl}: like
   * {@link #forceOpen(String, Duration, String)}, with {@link CircuitState#DISABLED} (every call
   * permitted) instead.
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
    admin.set(breakerName, mode, ttl, config.instanceId(), reason);
    wakeup.signal(Wakeup.OVERRIDES);
  }

  /**
   * Removes the override of {@code breakerName}: every instance the fleet's override put in
   * FORCED_OPEN or DISABLED returns to CLOSED within about a second.
   *
   * @param breakerName the breaker
   * @return whether there was an override to remove
   * @throws FleetUnavailableException if Redis did not answer within the timeout
   * @throws IllegalArgumentException if {@code breakerName} is blank
   * @throws NullPointerException if {@code breakerName} is null
   */
  public boolean clear(String breakerName) {
    Checks.breaker(breakerName);
    boolean removed = admin.clear(breakerName);
    wakeup.signal(Wakeup.OVERRIDES);
    return removed;
  }

  /**
   * Reads the fleet's status from Redis: every live instance's breakers and the overrides in
   * force.
   *
   * @return a snapshot of the fleet
   * @throws FleetUnavailableException if Redis did not answer within the timeout
   */
  public FleetStatus status() {
    return admin.status();
  }

  /** Whether the worker's last command reached Redis; for tests and diagnostics. */
  boolean connected() {
    return worker.connected();
  }

  /** Whether the subscription to the fleet's channel is established; for tests. */
  boolean subscribed() {
    return subscriber.subscribed();
  }

  /**
   * Detaches this instance from the fleet: stops both threads (waiting at most about three
   * timeouts), removes this instance's report from Redis if it answers, and returns every breaker
   * the fleet's override put in FORCED_OPEN or DISABLED to CLOSED, since no TTL could end it
   * afterwards. Other breaker states stay as they are. Closing twice does nothing.
   */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    registrySubscription.close();
    long waitMillis = 3 * config.timeout().toMillis() + 1_000;
    worker.close();
    subscriber.close();
    try {
      workerThread.join(waitMillis);
      subscriberThread.join(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.log(Level.INFO, () -> "fleet '" + config.fleet() + "': instance '" + config.instanceId() + "' left");
  }

  @Override
  public String toString() {
    return "RedisFleet{fleet=" + config.fleet() + ", instance=" + config.instanceId() + ", redis="
        + connector.describe() + "}";
  }

  /**
   * Describes a {@link RedisFleet}; {@link #build()} starts it. Not thread-safe.
   */
  public static final class Builder {
    private final CircuitBreakerRegistry registry;
    private final URI redis;
    private String fleet = "default";
    private String instanceId;
    private Duration timeout = Duration.ofSeconds(1);
    private Duration refreshInterval = Duration.ofSeconds(1);
    private Duration pollInterval = Duration.ofMillis(100);
    private final Map<String, QuorumPolicy> quorum = new LinkedHashMap<>();

    private Builder(CircuitBreakerRegistry registry, URI redis) {
      this.registry = Objects.requireNonNull(registry, "registry");
      this.redis = Checks.redis(redis);
    }

    /**
     * Names the fleet: instances with the same name on the same Redis share overrides, memory and
     * quorum. Default {@code "default"}.
     *
     * @param fleet the fleet's name; not blank, no '{', '}' or control characters
     * @return this builder
     * @throws IllegalArgumentException if {@code fleet} is not a valid name
     * @throws NullPointerException if {@code fleet} is null
     */
    public Builder fleet(String fleet) {
      this.fleet = Checks.fleet(fleet);
      return this;
    }

    /**
     * Names this instance in the fleet. Default: the host name and the process id,
     * {@code host-pid}. A stable id (a pod name) lets a restarted instance replace its report.
     *
     * @param instanceId the id; not blank, no control characters
     * @return this builder
     * @throws IllegalArgumentException if {@code instanceId} is not a valid name
     * @throws NullPointerException if {@code instanceId} is null
     */
    public Builder instanceId(String instanceId) {
      this.instanceId = Checks.instanceId(instanceId);
      return this;
    }

    /**
     * Sets the connect and socket timeout of every Redis command, 10 ms to 1 h. Default 1 s.
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
     * Sets how often the instance re-reads the overrides and the fleet's reports and writes its
     * full report, 50 ms to 1 h. Default 1 s. An instance's report expires after three of these
     * plus two timeouts without renewal.
     *
     * @param refreshInterval the interval
     * @return this builder
     * @throws IllegalArgumentException if {@code refreshInterval} is out of range
     * @throws NullPointerException if {@code refreshInterval} is null
     */
    public Builder refreshInterval(Duration refreshInterval) {
      this.refreshInterval = Checks.positive("refreshInterval", refreshInterval, Duration.ofMillis(50));
      return this;
    }

    /**
     * Sets how often the local breakers are polled for transitions, 10 ms to 1 h. Default 100 ms.
     *
     * @param pollInterval the interval
     * @return this builder
     * @throws IllegalArgumentException if {@code pollInterval} is out of range
     * @throws NullPointerException if {@code pollInterval} is null
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Checks.positive("pollInterval", pollInterval, Duration.ofMillis(10));
      return this;
    }

    /**
     * Lets the fleet open {@code breakerName} on this instance by quorum (see
     * {@link QuorumPolicy}). Off by default for every breaker.
     *
     * @param breakerName the breaker
     * @param policy the quorum's rule
     * @return this builder
     * @throws IllegalArgumentException if {@code breakerName} is blank
     * @throws NullPointerException if an argument is null
     */
    public Builder quorum(String breakerName, QuorumPolicy policy) {
      quorum.put(Checks.breaker(breakerName), Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * Starts the fleet: connects to Redis, applies the overrides and the restart memory to the
     * registry's breakers and writes the first report, waiting at most about three timeouts for
     * that (if Redis does not answer, the breakers start local-only and the fleet keeps trying).
     *
     * @return the running fleet; close it to detach
     */
    public RedisFleet build() {
      String id = instanceId != null ? instanceId : InstanceIds.instance();
      RedisFleet fleet = new RedisFleet(new FleetConfig(registry, redis, this.fleet, id, timeout,
          refreshInterval, pollInterval, quorum));
      fleet.start();
      return fleet;
    }
  }
}
