package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends events to New Relic's Event API, guarded by the {@code event-api} circuit breaker. Every
 * event is checked against the API's limits first; a bad one is reported with its reason and never
 * sinks its batch. Valid events go out as gzipped JSON payloads of at most 1000 events and 10^6
 * compressed bytes, and each payload is handled as the telemetry SDK specification says: dropped on
 * 400/401/403/404/405/409/410/411, split in two on 413, retried after {@code Retry-After} on 429 and
 * with exponential backoff on anything else, with one {@code x-request-id} across its retries and
 * its own retry budget. Only transient faults count against the breaker.
 *
 * <pre>{@code
 * EventApiClient client = EventApiClient.builder(NewRelicConfig.fromEnvironment())
 *     .registry(registry)
 *     .build();
 * DeliveryReport report = client.send(List.of(Map.of("eventType", "Deployment", "version", "1.4.2")));
 * }</pre>
 *
 * <p>Thread-safe; {@link #send} blocks the calling thread while it sends and waits between
 * retries.
 */
public final class EventApiClient {
  /** The name of the breaker that guards the Event API. */
  public static final String BREAKER_NAME = "event-api";
  static final int MAX_EVENTS_PER_PAYLOAD = 1000;
  static final int MAX_PAYLOAD_BYTES = 1_000_000;

  private final CircuitBreaker breaker;
  private final EventValidator validator;
  private final EventEncoder encoder;
  private final PayloadSender<Map<String, ?>> sender;
  private static final System.Logger LOG = System.getLogger("dev.breakwater.newrelic.EventApiClient");

  private EventApiClient(Builder b) {
    NewRelicConfig config = b.settings.config();
    config.requireAccountId("EventApiClient");
    Secret licenseKey = config.licenseKey("EventApiClient");
    b.settings.httpClient();
    this.breaker = b.settings.breakerOr(defaultBreakerConfig());
    this.validator = new EventValidator(b.settings.clock());
    this.encoder = new EventEncoder(b.maxEventsPerPayload, b.maxPayloadBytes);
    this.sender = new PayloadSender<>(b.settings.ingest("Event API", "event", config.eventApiEndpoint(),
        licenseKey, breaker, b.auditLogging), encoder, LOG);
  }

  /**
   * The design guide's breaker for the Event API: 3 consecutive failures open it, 2 trial
   * successes close it, 20 s timeout, 10 s retry delay, 60 s window.
   *
   * @return a new configuration for the {@code event-api} breaker
   */
  public static CircuitBreakerConfig defaultBreakerConfig() {
    return CircuitBreakerConfig.builder(BREAKER_NAME)
        .failureThreshold(3)
        .successThreshold(2)
        .timeout(Duration.ofSeconds(20))
        .retryDelay(Duration.ofSeconds(10))
        .monitoringWindow(Duration.ofSeconds(60))
        .build();
  }

  /**
   * Starts a client for the account, license key and Event API URL of {@code config}.
   *
   * @param config the account, license key and endpoints to use
   * @return a new builder
   * @throws NullPointerException if {@code config} is null
   */
  public static Builder builder(NewRelicConfig config) {
    return new Builder(Objects.requireNonNull(config, "config"));
  }

  /**
   * Validates and sends {@code events}, blocking until each payload is delivered, refused, or
   * given up on (retries exhausted or the circuit open).
   *
   * @param events flat maps, each with an {@code eventType}; values are strings, numbers or booleans
   * @return what became of every event
   * @throws NullPointerException if {@code events} is null
   */
  public DeliveryReport send(List<? extends Map<String, ?>> events) {
    Objects.requireNonNull(events, "events");
    List<DeliveryReport.Rejection> rejected = new ArrayList<>();
    List<Map<String, ?>> valid = new ArrayList<>(events.size());
    for (Map<String, ?> event : events) {
      String problem = validator.problem(event);
      if (problem == null) {
        valid.add(event);
      } else {
        rejected.add(new DeliveryReport.Rejection(event, problem));
      }
    }
    List<Map<String, ?>> tooLarge = new ArrayList<>();
    List<Payload<Map<String, ?>>> payloads = encoder.encode(valid, tooLarge);
    for (Map<String, ?> e : tooLarge) {
      rejected.add(new DeliveryReport.Rejection(e, "event is larger than "
          + MAX_PAYLOAD_BYTES + " bytes compressed"));
    }
    PayloadSender.Outcome<Map<String, ?>> total = sender.sendAll(payloads);
    List<DeliveryReport.Rejection> dropped = new ArrayList<>();
    for (PayloadSender.Dropped<Map<String, ?>> d : total.dropped) {
      dropped.add(new DeliveryReport.Rejection(d.item(), d.reason()));
    }
    return new DeliveryReport(total.delivered, rejected, dropped, total.undelivered,
        total.undeliveredReason, total.payloads, total.retries);
  }

  /** Why {@code event} cannot be sent, or null if it can; for buffers that validate on entry. */
  String problem(Map<String, ?> event) {
    return validator.problem(event);
  }

  /**
   * The breaker that guards this client's calls.
   *
   * @return the {@code event-api} breaker
   */
  public CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public String toString() {
    return "EventApiClient{breaker=" + breaker.name() + "}";
  }

  /** Builds an {@link EventApiClient}. Not thread-safe. */
  public static final class Builder {
    private final ClientSettings settings;
    private int maxEventsPerPayload = MAX_EVENTS_PER_PAYLOAD;
    private int maxPayloadBytes = MAX_PAYLOAD_BYTES;
    private boolean auditLogging;

    private Builder(NewRelicConfig config) {
      this.settings = new ClientSettings(config);
    }

    /**
     * Takes the {@code event-api} breaker, with {@link #defaultBreakerConfig()}, from this
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
     * Sets the wall clock for the timestamp check and {@code Retry-After} dates (default UTC
     * system clock).
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
     * Caps the events per payload (default and maximum 1000).
     *
     * @param max the most events in one payload (default and maximum 1000)
     * @return this builder
     * @throws IllegalArgumentException if not in [1, 1000]
     */
    public Builder maxEventsPerPayload(int max) {
      if (max < 1 || max > MAX_EVENTS_PER_PAYLOAD) {
        throw new IllegalArgumentException("maxEventsPerPayload must be in [1, 1000], was " + max);
      }
      this.maxEventsPerPayload = max;
      return this;
    }

    /**
     * Caps the compressed bytes per payload (default and maximum 1,000,000).
     *
     * @param max the most compressed bytes in one payload (default and maximum 1,000,000)
     * @return this builder
     * @throws IllegalArgumentException if not in [1024, 1000000]
     */
    public Builder maxPayloadBytes(int max) {
      if (max < 1024 || max > MAX_PAYLOAD_BYTES) {
        throw new IllegalArgumentException("maxPayloadBytes must be in [1024, 1000000], was " + max);
      }
      this.maxPayloadBytes = max;
      return this;
    }

    /**
     * Logs every payload's JSON at DEBUG (default off). Payloads can hold personal data; keys are
     * never logged either way.
     *
     * @param enabled whether to log each payload's JSON (default off)
     * @return this builder
     */
    public Builder auditLogging(boolean enabled) {
      this.auditLogging = enabled;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the new client
     * @throws IllegalStateException if the config lacks an account id or a license key, or both
     *     {@link #httpClient} and {@link #connectTimeout} were set
     * @throws IllegalArgumentException if the registry holds an {@code event-api} breaker with a
     *     different configuration
     */
    public EventApiClient build() {
      return new EventApiClient(this);
    }
  }
}
