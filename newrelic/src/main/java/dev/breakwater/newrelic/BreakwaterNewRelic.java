package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The composition root of Breakwater's New Relic integration (the design guide's DI container
 * step): it creates the breaker registry, the NerdGraph and Event API clients, the entity and
 * metric streamers, the monitor and the state change reporter exactly once, wires them together,
 * and shuts them down in the right order. It also provisions the dashboard and the alert policy. Each part is also a plain class with a builder, so a DI container can make them
 * instead; see the README.
 *
 * <pre>{@code
 * try (BreakwaterNewRelic newRelic = BreakwaterNewRelic.builder(NewRelicConfig.fromEnvironment())
 *     .serviceName("checkout")
 *     .build()) {
 *   newRelic.entityStreamer().offer(Map.of("eventType", "MessageQueueBroker", "name", "b1"));
 *   CircuitBreaker payments = newRelic.registry().breaker("payments");
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class BreakwaterNewRelic implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.newrelic.BreakwaterNewRelic");

  private final NewRelicConfig config;
  private final CircuitBreakerRegistry registry;
  private final NerdGraphClient nerdGraph;
  private final EventApiClient eventApi;
  private final EntityStreamer entityStreamer;
  private final MetricStreamer metricStreamer;
  private final CircuitBreakerMonitor monitor;
  private final StateChangeReporter stateChanges;
  private boolean closed;

  private BreakwaterNewRelic(Builder b, HttpClient http) {
    this.config = b.config;
    this.registry = b.registry;
    this.nerdGraph = config.hasUserKey()
        ? NerdGraphClient.builder(config).breaker(registry.breaker(b.nerdGraphBreaker)).httpClient(http).build()
        : null;
    if (!config.hasLicenseKey()) {
      LOG.log(Level.WARNING, "no license key ({0}): NerdGraph and dashboards only; breakers are not "
          + "reported and nothing is streamed", NewRelicConfig.LICENSE_KEY_VARIABLE);
      this.eventApi = null;
      this.entityStreamer = null;
      this.metricStreamer = null;
      this.monitor = null;
      this.stateChanges = null;
      return;
    }
    this.eventApi = b.eventApi.apply(EventApiClient.builder(config)
        .breaker(registry.breaker(b.eventApiBreaker)).httpClient(http)).build();
    // Everything that can fail is resolved before the first thread starts.
    MetricApiClient dimensional = !b.dimensionalMetrics ? null : MetricApiClient.builder(config)
        .breaker(registry.breaker(MetricApiClient.defaultBreakerConfig())).httpClient(http).build();
    EntityStreamer.Builder entities = b.entityStreamer.apply(EntityStreamer.builder(eventApi));
    MetricStreamer.Builder metrics = b.metricStreamer.apply(MetricStreamer.builder(eventApi));
    this.entityStreamer = entities.build();
    MetricStreamer metricStreamerBuilt = null;
    CircuitBreakerMonitor monitorBuilt = null;
    StateChangeReporter stateChangesBuilt = null;
    try {
      metricStreamerBuilt = metrics.build();
      CircuitBreakerMonitor.Builder monitorBuilder = CircuitBreakerMonitor.builder(registry, metricStreamerBuilt)
          .clock(b.clock);
      b.attributes.forEach(monitorBuilder::attribute);
      if (dimensional != null) {
        monitorBuilder.dimensionalMetrics(dimensional);
      }
      monitorBuilt = monitorBuilder.build();
      if (b.stateChanges != null) {
        StateChangeReporter.Builder reporter = StateChangeReporter.builder(registry, metricStreamerBuilt)
            .clock(b.clock);
        b.attributes.forEach(reporter::attribute);
        stateChangesBuilt = b.stateChanges.apply(reporter).build();
      }
      if (b.reportInterval != null) {
        monitorBuilt.start(b.reportInterval);
      }
    } catch (RuntimeException | Error e) {
      if (stateChangesBuilt != null) {
        stateChangesBuilt.close();
      }
      if (monitorBuilt != null) {
        monitorBuilt.close();
      }
      if (metricStreamerBuilt != null) {
        metricStreamerBuilt.close();
      }
      entityStreamer.close();
      throw e;
    }
    this.metricStreamer = metricStreamerBuilt;
    this.monitor = monitorBuilt;
    this.stateChanges = stateChangesBuilt;
  }

  /**
   * Starts the wiring for {@code config}, which needs an account id and at least one key. Without
   * a user key there is no NerdGraph client (nor dashboards); without a license key there is
   * nothing to report or stream with (no Event API client, streamers or monitor), which is logged
   * at WARNING when built: NerdGraph and dashboards still work.
   *
   * @param config the account, keys and endpoints to use
   * @return a new builder
   * @throws NullPointerException if {@code config} is null
   */
  public static Builder builder(NewRelicConfig config) {
    return new Builder(Objects.requireNonNull(config, "config"));
  }

  /**
   * Wires everything from the {@code NEW_RELIC_*} environment variables with the defaults.
   *
   * @return the wired integration, with the monitor started
   * @throws IllegalArgumentException naming every missing or bad variable
   */
  public static BreakwaterNewRelic fromEnvironment() {
    return builder(NewRelicConfig.fromEnvironment()).build();
  }

  /**
   * The configuration everything was built from.
   *
   * @return the configuration
   */
  public NewRelicConfig config() {
    return config;
  }

  /**
   * The registry holding {@code nerdgraph-api}, {@code event-api} and the application's breakers.
   *
   * @return the breaker registry
   */
  public CircuitBreakerRegistry registry() {
    return registry;
  }

  /**
   * The NerdGraph client.
   *
   * @return the NerdGraph client
   * @throws IllegalStateException if the config has no user key
   */
  public NerdGraphClient nerdGraph() {
    if (nerdGraph == null) {
      throw new IllegalStateException("no NerdGraph client: the config has no user key ("
          + NewRelicConfig.USER_KEY_VARIABLE + ")");
    }
    return nerdGraph;
  }

  /**
   * The Event API client shared by both streamers.
   *
   * @return the Event API client
   * @throws IllegalStateException if the config has no license key
   */
  public EventApiClient eventApi() {
    return ingest(eventApi, "Event API client");
  }

  /**
   * The buffered streamer for entities.
   *
   * @return the entity streamer
   * @throws IllegalStateException if the config has no license key
   */
  public EntityStreamer entityStreamer() {
    return ingest(entityStreamer, "entity streamer");
  }

  /**
   * The buffered streamer for metric events, used by the monitor.
   *
   * @return the metric streamer
   * @throws IllegalStateException if the config has no license key
   */
  public MetricStreamer metricStreamer() {
    return ingest(metricStreamer, "metric streamer");
  }

  /**
   * The monitor reporting every breaker of {@link #registry()}.
   *
   * @return the monitor
   * @throws IllegalStateException if the config has no license key
   */
  public CircuitBreakerMonitor monitor() {
    return ingest(monitor, "monitor");
  }

  /**
   * The reporter that sends every state change of {@link #registry()}'s breakers as a
   * {@code CircuitBreakerStateChange} event.
   *
   * @return the state change reporter
   * @throws IllegalStateException if the config has no license key, or state changes were
   *     turned off with {@link Builder#stateChanges(boolean)}
   */
  public StateChangeReporter stateChangeReporter() {
    if (monitor != null && stateChanges == null) {
      throw new IllegalStateException("no state change reporter: turned off with stateChanges(false)");
    }
    return ingest(stateChanges, "state change reporter");
  }

  private static <T> T ingest(T part, String name) {
    if (part == null) {
      throw new IllegalStateException("no " + name + ": the config has no license key ("
          + NewRelicConfig.LICENSE_KEY_VARIABLE + ")");
    }
    return part;
  }

  /**
   * Creates or updates the "Circuit Breaker Health" dashboard in the configured account.
   *
   * @return the dashboard's guid and name, and whether it was created or updated
   * @throws IllegalStateException if the config has no user key
   * @throws NerdGraphException if a request failed
   */
  public DashboardProvisioner.Result provisionDashboard() {
    return DashboardProvisioner.create(nerdGraph(), DashboardDefinition.circuitBreakerHealth())
        .provision(config.accountId());
  }

  /**
   * Creates or updates the "Circuit Breaker Health" alert policy and its conditions, with the
   * default thresholds, in the configured account.
   *
   * @return the policy's and conditions' ids, and what was done to each
   * @throws IllegalStateException if the config has no user key
   * @throws NerdGraphException if a request failed or NerdGraph refused a mutation
   */
  public AlertProvisioner.Result provisionAlerts() {
    return provisionAlerts(AlertPolicyDefinition.circuitBreakerHealth());
  }

  /**
   * Creates or updates an alert policy and its conditions in the configured account.
   *
   * @param definition the policy and its thresholds
   * @return the policy's and conditions' ids, and what was done to each
   * @throws IllegalStateException if the config has no user key
   * @throws NerdGraphException if a request failed or NerdGraph refused a mutation
   * @throws NullPointerException if {@code definition} is null
   */
  public AlertProvisioner.Result provisionAlerts(AlertPolicyDefinition definition) {
    return AlertProvisioner.create(nerdGraph(), definition).provision(config.accountId());
  }

  /**
   * Shuts down in order: closes the monitor (which sends a last report), then the state change
   * reporter (which sends the changes its flapping limit held back), then drains the metric and
   * entity streamers (each up to its close timeout). Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed || monitor == null) {
      closed = true;
      return;
    }
    closed = true;
    monitor.close();
    if (stateChanges != null) {
      stateChanges.close();
    }
    metricStreamer.close();
    entityStreamer.close();
  }

  @Override
  public String toString() {
    return "BreakwaterNewRelic{" + config + "}";
  }

  /** Builds a {@link BreakwaterNewRelic}. Not thread-safe. */
  public static final class Builder {
    private final NewRelicConfig config;
    private final HttpClientChoice http = new HttpClientChoice();
    private CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
    private Duration reportInterval = Duration.ofSeconds(60);
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private CircuitBreakerConfig eventApiBreaker = EventApiClient.defaultBreakerConfig();
    private CircuitBreakerConfig nerdGraphBreaker = NerdGraphClient.defaultBreakerConfig();
    private java.util.function.UnaryOperator<EventApiClient.Builder> eventApi = b -> b;
    private boolean dimensionalMetrics;
    private java.util.function.UnaryOperator<EntityStreamer.Builder> entityStreamer = b -> b;
    private java.util.function.UnaryOperator<MetricStreamer.Builder> metricStreamer = b -> b;
    private java.util.function.UnaryOperator<StateChangeReporter.Builder> stateChanges = b -> b;
    private java.time.Clock clock = java.time.Clock.systemUTC();

    private Builder(NewRelicConfig config) {
      this.config = config;
      attributes.put("host", hostName());
    }

    /**
     * Uses this registry (default: a new one), so application breakers are reported too.
     *
     * @param registry the registry for the integration's own and the application's breakers
     *     (default: a new one)
     * @return this builder
     * @throws NullPointerException if {@code registry} is null
     */
    public Builder registry(CircuitBreakerRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Uses this HTTP client for every New Relic call (default: one of Breakwater's own, HTTP/1.1,
     * no redirects, a {@linkplain #connectTimeout connect timeout} of 5 s). It must not follow
     * redirects: the JDK client would send the keys to whatever host a redirect names.
     *
     * @param httpClient the client for every New Relic call
     * @return this builder
     * @throws IllegalArgumentException if the client follows redirects
     * @throws NullPointerException if {@code httpClient} is null
     */
    public Builder httpClient(HttpClient httpClient) {
      http.httpClient(httpClient);
      return this;
    }

    /**
     * Sets how long Breakwater's own HTTP client waits for a connection (default 5 s), apart from
     * the request timeouts (the breakers' {@code timeout}), so that an unreachable host fails in
     * seconds. With {@link #httpClient}, set it on that client instead.
     *
     * @param timeout how long to wait for a connection (default 5 s)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder connectTimeout(Duration timeout) {
      http.connectTimeout(timeout);
      return this;
    }

    /**
     * Tags every report and state change with {@code service}.
     *
     * @param serviceName the value of the {@code service} attribute
     * @return this builder
     */
    public Builder serviceName(String serviceName) {
      return attribute("service", Objects.requireNonNull(serviceName, "serviceName"));
    }

    /**
     * Adds an attribute to every {@code CircuitBreakerMetric} report and
     * {@code CircuitBreakerStateChange} event (default: {@code host}).
     *
     * @param name the attribute's name
     * @param value the attribute's value: a string, number or boolean
     * @return this builder
     * @throws IllegalArgumentException as {@link CircuitBreakerMonitor.Builder#attribute} and
     *     {@link StateChangeReporter.Builder#attribute}
     */
    public Builder attribute(String name, Object value) {
      CircuitBreakerMonitor.Builder.checkAttribute(name, value);
      StateChangeReporter.Builder.checkAttribute(name, value);
      attributes.put(name, value);
      return this;
    }

    /**
     * Sends every state change of the registry's breakers as a {@code CircuitBreakerStateChange}
     * event (default on); see {@link StateChangeReporter}.
     *
     * @param enabled whether to report state changes as they happen (default on)
     * @return this builder
     */
    public Builder stateChanges(boolean enabled) {
      this.stateChanges = enabled ? b -> b : null;
      return this;
    }

    /**
     * Adjusts the state change reporter's builder (flapping limit, ...), and turns state change
     * reporting on.
     *
     * @param customizer adjusts the builder and returns the builder to use
     * @return this builder
     * @throws NullPointerException if {@code customizer} is null
     */
    public Builder stateChangeReporter(java.util.function.UnaryOperator<StateChangeReporter.Builder> customizer) {
      this.stateChanges = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Sets the wall clock that stamps the monitor's reports and the state changes (default UTC
     * system clock).
     *
     * @param clock the clock of the {@code timestamp} attributes
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(java.time.Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Reports every {@code interval} (default 60 s); {@code null} builds the monitor without
     * starting it.
     *
     * @param interval the time between reports (default 60 s), or {@code null} not to start the
     *     monitor
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder reportInterval(Duration interval) {
      if (interval != null && (interval.isNegative() || interval.isZero())) {
        throw new IllegalArgumentException("reportInterval must be > 0, was " + interval);
      }
      this.reportInterval = interval;
      return this;
    }

    /**
     * Configures the breaker that guards the Event API (default
     * {@link EventApiClient#defaultBreakerConfig()}, the guide's {@code event-api}).
     *
     * @param config the Event API breaker's configuration (default
     *     {@link EventApiClient#defaultBreakerConfig()})
     * @return this builder
     * @throws NullPointerException if {@code config} is null
     */
    public Builder eventApiBreaker(CircuitBreakerConfig config) {
      this.eventApiBreaker = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Configures the breaker that guards NerdGraph (default
     * {@link NerdGraphClient#defaultBreakerConfig()}, the guide's {@code nerdgraph-api}).
     *
     * @param config the NerdGraph breaker's configuration (default
     *     {@link NerdGraphClient#defaultBreakerConfig()})
     * @return this builder
     * @throws NullPointerException if {@code config} is null
     */
    public Builder nerdGraphBreaker(CircuitBreakerConfig config) {
      this.nerdGraphBreaker = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Also reports every breaker as dimensional metrics through the Metric API (default off);
     * see {@link CircuitBreakerMonitor.Builder#dimensionalMetrics}.
     *
     * @param enabled whether to report through the Metric API too (default off)
     * @return this builder
     */
    public Builder dimensionalMetrics(boolean enabled) {
      this.dimensionalMetrics = enabled;
      return this;
    }

    /**
     * Adjusts the Event API client's builder (retries, backoff, payload caps, ...).
     *
     * @param customizer adjusts the builder and returns the builder to use
     * @return this builder
     * @throws NullPointerException if {@code customizer} is null
     */
    public Builder eventApi(java.util.function.UnaryOperator<EventApiClient.Builder> customizer) {
      this.eventApi = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Adjusts the entity streamer's builder (capacity, overflow, batching, ...).
     *
     * @param customizer adjusts the builder and returns the builder to use
     * @return this builder
     * @throws NullPointerException if {@code customizer} is null
     */
    public Builder entityStreamer(java.util.function.UnaryOperator<EntityStreamer.Builder> customizer) {
      this.entityStreamer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Adjusts the metric streamer's builder.
     *
     * @param customizer adjusts the builder and returns the builder to use
     * @return this builder
     * @throws NullPointerException if {@code customizer} is null
     */
    public Builder metricStreamer(java.util.function.UnaryOperator<MetricStreamer.Builder> customizer) {
      this.metricStreamer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Builds and starts everything the config's keys allow.
     *
     * @return the new integration
     * @throws IllegalStateException naming everything missing at once (an account id, and a
     *     license or user key), or if both {@link #httpClient} and {@link #connectTimeout} were set
     * @throws IllegalArgumentException if the registry holds one of the integration's breakers
     *     with a different configuration
     */
    public BreakwaterNewRelic build() {
      List<String> missing = new ArrayList<>();
      if (config.accountId() <= 0) {
        missing.add("an account id (accountId, or " + NewRelicConfig.ACCOUNT_ID_VARIABLE + ")");
      }
      if (!config.hasLicenseKey() && !config.hasUserKey()) {
        missing.add("a license key or a user key (licenseKey or userKey, or "
            + NewRelicConfig.LICENSE_KEY_VARIABLE + " or " + NewRelicConfig.USER_KEY_VARIABLE + ")");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("BreakwaterNewRelic needs " + String.join(" and ", missing));
      }
      // One client for every part, so they share its connections.
      return new BreakwaterNewRelic(this, http.client());
    }

    private static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "unknown";
      }
    }
  }
}
