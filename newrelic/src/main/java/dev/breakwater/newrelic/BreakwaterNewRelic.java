package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The composition root of Breakwater's New Relic integration (the design guide's DI container
 * step): it creates the breaker registry, the NerdGraph and Event API clients, the entity and
 * metric streamers and the monitor exactly once, wires them together, and shuts them down in the
 * right order. Each part is also a plain class with a builder, so a DI container can make them
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
  private boolean closed;

  private BreakwaterNewRelic(Builder b) {
    this.config = b.config;
    this.registry = b.registry;
    this.nerdGraph = config.hasUserKey()
        ? NerdGraphClient.builder(config).breaker(registry.breaker(b.nerdGraphBreaker))
            .httpClient(b.httpClient).build()
        : null;
    this.eventApi = b.eventApi.apply(EventApiClient.builder(config)
        .breaker(registry.breaker(b.eventApiBreaker)).httpClient(b.httpClient)).build();
    // Everything that can fail is resolved before the first thread starts.
    MetricApiClient dimensional = !b.dimensionalMetrics ? null : MetricApiClient.builder(config)
        .breaker(registry.breaker(MetricApiClient.defaultBreakerConfig())).httpClient(b.httpClient).build();
    EntityStreamer.Builder entities = b.entityStreamer.apply(EntityStreamer.builder(eventApi));
    MetricStreamer.Builder metrics = b.metricStreamer.apply(MetricStreamer.builder(eventApi));
    this.entityStreamer = entities.build();
    MetricStreamer metricStreamerBuilt = null;
    CircuitBreakerMonitor monitorBuilt = null;
    try {
      metricStreamerBuilt = metrics.build();
      CircuitBreakerMonitor.Builder monitorBuilder = CircuitBreakerMonitor.builder(registry, metricStreamerBuilt);
      b.attributes.forEach(monitorBuilder::attribute);
      if (dimensional != null) {
        monitorBuilder.dimensionalMetrics(dimensional);
      }
      monitorBuilt = monitorBuilder.build();
      if (b.reportInterval != null) {
        monitorBuilt.start(b.reportInterval);
      }
    } catch (RuntimeException | Error e) {
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
  }

  /**
   * Starts the wiring for {@code config}. A license key is required; without a user key there is
   * no NerdGraph client.
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
   * @throws IllegalArgumentException naming a missing or bad variable
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
   */
  public EventApiClient eventApi() {
    return eventApi;
  }

  /**
   * The buffered streamer for entities.
   *
   * @return the entity streamer
   */
  public EntityStreamer entityStreamer() {
    return entityStreamer;
  }

  /**
   * The buffered streamer for metric events, used by the monitor.
   *
   * @return the metric streamer
   */
  public MetricStreamer metricStreamer() {
    return metricStreamer;
  }

  /**
   * The monitor reporting every breaker of {@link #registry()}.
   *
   * @return the monitor
   */
  public CircuitBreakerMonitor monitor() {
    return monitor;
  }

  /**
   * Creates or updates the "Circuit Breaker Health" dashboard in the configured account.
   *
   * @return the dashboard's guid and name, and whether it was created or updated
   * @throws IllegalStateException if the config has no user key
   */
  public DashboardProvisioner.Result provisionDashboard() {
    return DashboardProvisioner.create(nerdGraph(), DashboardDefinition.circuitBreakerHealth())
        .provision(config.accountId());
  }

  /**
   * Shuts down in order: stops the monitor, sends a last report, then drains the metric and entity
   * streamers (each up to its close timeout). Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    monitor.close();
    try {
      monitor.reportMetrics();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "final circuit breaker report failed", e);
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
    private CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
    private HttpClient httpClient = HttpTransport.defaultClient();
    private Duration reportInterval = Duration.ofSeconds(60);
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private CircuitBreakerConfig eventApiBreaker = EventApiClient.defaultBreakerConfig();
    private CircuitBreakerConfig nerdGraphBreaker = NerdGraphClient.defaultBreakerConfig();
    private java.util.function.UnaryOperator<EventApiClient.Builder> eventApi = b -> b;
    private boolean dimensionalMetrics;
    private java.util.function.UnaryOperator<EntityStreamer.Builder> entityStreamer = b -> b;
    private java.util.function.UnaryOperator<MetricStreamer.Builder> metricStreamer = b -> b;

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
     * Uses this HTTP client for every New Relic call.
     *
     * @param httpClient the client for every New Relic call
     * @return this builder
     * @throws NullPointerException if {@code httpClient} is null
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Tags every report with {@code service}.
     *
     * @param serviceName the value of the {@code service} attribute
     * @return this builder
     */
    public Builder serviceName(String serviceName) {
      return attribute("service", Objects.requireNonNull(serviceName, "serviceName"));
    }

    /**
     * Adds an attribute to every {@code CircuitBreakerMetric} report (default: {@code host}).
     *
     * @param name the attribute's name
     * @param value the attribute's value: a string, number or boolean
     * @return this builder
     * @throws IllegalArgumentException as {@link CircuitBreakerMonitor.Builder#attribute}
     */
    public Builder attribute(String name, Object value) {
      CircuitBreakerMonitor.Builder.checkAttribute(name, value);
      attributes.put(name, value);
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
     * Builds and starts everything.
     *
     * @return the new integration
     * @throws IllegalStateException if the config lacks an account id or a license key
     */
    public BreakwaterNewRelic build() {
      return new BreakwaterNewRelic(this);
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
