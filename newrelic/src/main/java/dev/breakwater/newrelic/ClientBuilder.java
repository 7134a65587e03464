package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import java.net.http.HttpClient;
import java.util.Objects;

/**
 * What the builders of the breaker-guarded clients share: where the breaker comes from and which
 * HTTP client to use. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class ClientBuilder<B extends ClientBuilder<B>> {
  final NewRelicConfig config;
  private CircuitBreakerRegistry registry;
  private CircuitBreaker breaker;
  private HttpClient httpClient;

  ClientBuilder(NewRelicConfig config) {
    this.config = config;
  }

  abstract B self();

  /**
   * Takes the client's breaker, with the client's default configuration, from this registry, so
   * that monitors see it. Default: a registry of the client's own.
   *
   * @param registry the registry to take the breaker from
   * @return this builder
   * @throws NullPointerException if {@code registry} is null
   */
  public B registry(CircuitBreakerRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    return self();
  }

  /**
   * Uses this breaker instead of the registry's. Its {@code timeout} becomes the HTTP request
   * timeout.
   *
   * @param breaker the breaker to guard every request with
   * @return this builder
   * @throws NullPointerException if {@code breaker} is null
   */
  public B breaker(CircuitBreaker breaker) {
    this.breaker = Objects.requireNonNull(breaker, "breaker");
    return self();
  }

  /**
   * Uses this HTTP client (default: HTTP/1.1, 10 s connect timeout, no redirects).
   *
   * @param httpClient the client to send requests with
   * @return this builder
   * @throws NullPointerException if {@code httpClient} is null
   */
  public B httpClient(HttpClient httpClient) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    return self();
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

  HttpClient httpClientOrDefault() {
    return httpClient != null ? httpClient : HttpTransport.defaultClient();
  }
}
