package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends dimensional metrics (gauges, counts, summaries) to New Relic's Metric API, guarded by the
 * {@code metric-api} circuit breaker, with the same ingest rules as {@link EventApiClient}: gzip,
 * one {@code x-request-id} per payload across its retries, drop on 400/401/403/404/405/409/410/411,
 * split on 413, {@code Retry-After} on 429, backoff otherwise, and only transient faults counted
 * by the breaker. Common attributes (service, host) go in each payload's {@code common} block.
 *
 * <pre>{@code
 * MetricApiClient metrics = MetricApiClient.builder(config).commonAttribute("service", "checkout").build();
 * metrics.send(List.of(Metric.gauge("queue.depth", 42, System.currentTimeMillis(), Map.of())));
 * }</pre>
 *
 * <p>Thread-safe; {@link #send} blocks while it sends and waits between retries.
 */
public final class MetricApiClient {
  /** The name of the breaker that guards the Metric API. */
  public static final String BREAKER_NAME = "metric-api";
  private static final System.Logger LOG = System.getLogger("dev.breakwater.newrelic.MetricApiClient");

  private final CircuitBreaker breaker;
  private final MetricEncoder encoder;
  private final PayloadSender<Metric> sender;

  private MetricApiClient(Builder b) {
    NewRelicConfig config = b.settings.config();
    Secret licenseKey = config.licenseKey("MetricApiClient");
    b.settings.httpClient();
    this.breaker = b.settings.breakerOr(defaultBreakerConfig());
    this.encoder = new MetricEncoder(b.common, 1000, EventApiClient.MAX_PAYLOAD_BYTES);
    this.sender = new PayloadSender<>(b.settings.ingest("Metric API", "metric", config.metricApiEndpoint(),
        licenseKey, breaker, false), encoder, LOG);
  }

  /**
   * The Metric API's breaker, configured like the guide's {@code event-api}: 3 consecutive
   * failures open it, 2 trial successes close it, 20 s timeout, 10 s retry delay, 60 s window.
   *
   * @return a new configuration for the Metric API breaker
   */
  public static CircuitBreakerConfig defaultBreakerConfig() {
    return EventApiClient.defaultBreakerConfig().toBuilder().name(BREAKER_NAME).build();
  }

  /**
   * Starts a client for the license key and Metric API URL of {@code config}.
   *
   * @param config the license key and endpoints to use
   * @return a new builder
   * @throws NullPointerException if {@code config} is null
   */
  public static Builder builder(NewRelicConfig config) {
    return new Builder(Objects.requireNonNull(config, "config"));
  }

  /**
   * Sends the metrics, blocking until each payload is delivered, refused, or given up on.
   *
   * @param metrics the metrics to send
   * @return what became of every metric
   * @throws NullPointerException if {@code metrics} is null
   */
  public MetricReport send(List<Metric> metrics) {
    Objects.requireNonNull(metrics, "metrics");
    List<Metric> tooLarge = new ArrayList<>();
    PayloadSender.Outcome<Metric> outcome = sender.sendAll(encoder.encode(metrics, tooLarge));
    List<Metric> dropped = new ArrayList<>(tooLarge);
    outcome.dropped.forEach(d -> dropped.add(d.item()));
    return new MetricReport(outcome.delivered, dropped, outcome.undelivered, outcome.undeliveredReason,
        outcome.payloads, outcome.retries);
  }

  /**
   * The breaker that guards this client's calls.
   *
   * @return the Metric API breaker
   */
  public CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public String toString() {
    return "MetricApiClient{breaker=" + breaker.name() + "}";
  }

  /** Builds a {@link MetricApiClient}. Not thread-safe. */
  public static final class Builder {
    private final ClientSettings settings;
    private final Map<String, Object> common = new LinkedHashMap<>();

    private Builder(NewRelicConfig config) {
      this.settings = new ClientSettings(config);
    }

    /**
     * Takes the {@code metric-api} breaker, with {@link #defaultBreakerConfig()}, from this
     * registry, so that monitors see it. Default: a registry of the client's own.
     *
     * @param registry the registry to take the breaker from
     * @return this builder
     * @throws NullPointerException if {@code registry} is null
     */
    public Builder registry(CircuitBreakerRegistry registry) {
      settings.registry(registry);
      return this;
    }

    /**
     * Guards every request with this breaker instead of the registry's. Its {@code timeout}
     * becomes the request timeout.
     *
     * @param breaker the breaker to guard every request with
     * @return this builder
     * @throws NullPointerException if {@code breaker} is null
     */
    public Builder breaker(CircuitBreaker breaker) {
      settings.breaker(breaker);
      return this;
    }

    /**
     * Sends with this HTTP client instead of Breakwater's own (HTTP/1.1, no redirects, a
     * {@linkplain #connectTimeout connect timeout} of 5 s). It must not follow redirects: the JDK
     * client would send the license key to whatever host a redirect names.
     *
     * @param httpClient the client to send requests with
     * @return this builder
     * @throws IllegalArgumentException if the client follows redirects
     * @throws NullPointerException if {@code httpClient} is null
     */
    public Builder httpClient(HttpClient httpClient) {
      settings.httpClient(httpClient);
      return this;
    }

    /**
     * Sets how long Breakwater's own HTTP client waits for a connection (default 5 s), apart
     * from the request timeout (the breaker's {@code timeout}), so that an unreachable host fails
     * in seconds. With {@link #httpClient}, set it on that client instead.
     *
     * @param timeout how long to wait for a connection (default 5 s)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder connectTimeout(Duration timeout) {
      settings.connectTimeout(timeout);
      return this;
    }

    /**
     * Sets how often one payload is retried after a transient failure (default 5).
     *
     * @param maxRetries retries per payload; 0 for none (default 5)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRetries(int maxRetries) {
      settings.maxRetries(maxRetries);
      return this;
    }

    /**
     * Sets the retry backoff: {@code min(max, factor · 2^(n-1))} before the n-th retry
     * (default 1 s and 15 s).
     *
     * @param factor the wait before the first retry (default 1 s)
     * @param max the longest wait between retries (default 15 s)
     * @return this builder
     * @throws IllegalArgumentException if {@code factor <= 0} or {@code max < factor}
     * @throws NullPointerException if an argument is null
     */
    public Builder backoff(Duration factor, Duration max) {
      settings.backoff(factor, max);
      return this;
    }

    /**
     * Sets the wall clock for {@code Retry-After} dates (default UTC system clock).
     *
     * @param clock the wall clock (default UTC system clock)
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      settings.clock(clock);
      return this;
    }

    /** How to wait between retries; tests record the waits instead. */
    Builder sleeper(Sleeper sleeper) {
      settings.sleeper(sleeper);
      return this;
    }

    /**
     * Adds an attribute to the {@code common} block of every payload.
     *
     * @param name the attribute's name
     * @param value the attribute's value: a string, number or boolean
     * @return this builder
     * @throws IllegalArgumentException if the value is not a string, number or boolean
     * @throws NullPointerException if {@code name} is null
     */
    public Builder commonAttribute(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new IllegalArgumentException("common attribute '" + name + "' must be a string, number or boolean");
      }
      common.put(name, value);
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the new client
     * @throws IllegalStateException if the config has no license key, or both {@link #httpClient}
     *     and {@link #connectTimeout} were set
     * @throws IllegalArgumentException if the registry holds a {@code metric-api} breaker with a
     *     different configuration
     */
    public MetricApiClient build() {
      return new MetricApiClient(this);
    }
  }
}
