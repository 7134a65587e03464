package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
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
    this.breaker = b.breakerOr(defaultBreakerConfig());
    this.encoder = new MetricEncoder(b.common, 1000, EventApiClient.MAX_PAYLOAD_BYTES);
    this.sender = new PayloadSender<>(b.settings("Metric API", "metric", b.config.metricApiEndpoint(),
        b.config.licenseKey("MetricApiClient"), breaker, false), encoder, LOG);
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
  public static final class Builder extends IngestClientBuilder<Builder> {
    private final Map<String, Object> common = new LinkedHashMap<>();

    private Builder(NewRelicConfig config) {
      super(config);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Adds an attribute to the {@code common} block of every payload.
     *
     * @param name the attribute's name
     * @param value the attribute's value: a string, number or boolean
     * @return this builder
     * @throws IllegalArgumentException if the value is not a string, number or boolean
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
     * @throws IllegalStateException if the config has no license key
     */
    public MetricApiClient build() {
      return new MetricApiClient(this);
    }
  }
}
