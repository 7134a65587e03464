package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the builders of the breaker-guarded clients share: where the breaker comes from, which
 * HTTP client to use (an {@link HttpClientChoice}), and, for the ingest clients, the
 * retry budget per payload, the backoff, the wall clock and how to wait. Each public builder
 * holds one and delegates its setters to it, so that no type of this package's machinery shows
 * in a public signature. Setters validate at once. Not thread-safe.
 */
final class ClientSettings {
  private final NewRelicConfig config;
  private final HttpClientChoice http = new HttpClientChoice();
  private CircuitBreakerRegistry registry;
  private CircuitBreaker breaker;
  private int maxRetries = 5;
  private Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.SYSTEM;

  ClientSettings(NewRelicConfig config) {
    this.config = config;
  }

  NewRelicConfig config() {
    return config;
  }

  void registry(CircuitBreakerRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  void breaker(CircuitBreaker breaker) {
    this.breaker = Objects.requireNonNull(breaker, "breaker");
  }

  void httpClient(HttpClient httpClient) {
    http.httpClient(httpClient);
  }

  void connectTimeout(Duration timeout) {
    http.connectTimeout(timeout);
  }

  void maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    this.maxRetries = maxRetries;
  }

  void backoff(Duration factor, Duration max) {
    this.backoff = new Backoff(factor, max);
  }

  void clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Clock clock() {
    return clock;
  }

  void sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * The breaker set, or the registry's breaker of {@code defaults}.
   *
   * @throws IllegalArgumentException if the registry holds that name with another configuration
   */
  CircuitBreaker breakerOr(CircuitBreakerConfig defaults) {
    if (breaker != null) {
      return breaker;
    }
    return (registry != null ? registry : CircuitBreakerRegistry.create()).breaker(defaults);
  }

  /**
   * The HTTP client to send with; see {@link HttpClientChoice#client()}.
   *
   * @throws IllegalStateException if both a client and a connect timeout were set
   */
  HttpClient httpClient() {
    return http.client();
  }

  /** The settings of a payload sender for {@code api}, sending {@code item}s to {@code endpoint}. */
  PayloadSender.Settings ingest(String api, String item, URI endpoint, Secret key, CircuitBreaker breaker,
      boolean audit) {
    return new PayloadSender.Settings(api, item, endpoint, key, new HttpTransport(httpClient(), 64 * 1024),
        breaker, maxRetries, backoff, sleeper, clock, audit);
  }
}
