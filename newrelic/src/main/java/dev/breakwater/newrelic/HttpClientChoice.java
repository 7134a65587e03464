package dev.breakwater.newrelic;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Which HTTP client a builder sends with: the user's own, or Breakwater's with a connect timeout,
 * never both settings at once. Setters validate at once; {@link #client()} checks the combination.
 * The client and the integration builders each hold one, so the rule and its messages live here
 * only. Not thread-safe.
 */
final class HttpClientChoice {
  private HttpClient httpClient;
  private Duration connectTimeout;
  private HttpClient resolved;

  /**
   * Sends with {@code httpClient} instead of Breakwater's own.
   *
   * @throws IllegalArgumentException if the client follows redirects
   * @throws NullPointerException if {@code httpClient} is null
   */
  void httpClient(HttpClient httpClient) {
    this.httpClient = HttpTransport.refusingRedirects(httpClient);
    this.resolved = null;
  }

  /**
   * Sets how long Breakwater's own client waits for a connection.
   *
   * @throws IllegalArgumentException if not positive
   * @throws NullPointerException if {@code timeout} is null
   */
  void connectTimeout(Duration timeout) {
    this.connectTimeout = HttpTransport.checkConnectTimeout(timeout);
    this.resolved = null;
  }

  /**
   * The HTTP client set, or one of Breakwater's own, made once per setting. Builders call it
   * before anything else, so that a bad combination fails the build before it has effects.
   *
   * @throws IllegalStateException if both a client and a connect timeout were set
   */
  HttpClient client() {
    if (httpClient != null && connectTimeout != null) {
      throw new IllegalStateException("connectTimeout applies to Breakwater's own HTTP client only; "
          + "with httpClient(...) set the connect timeout on that client");
    }
    if (resolved == null) {
      resolved = httpClient != null ? httpClient : HttpTransport.defaultClient(
          connectTimeout != null ? connectTimeout : HttpTransport.DEFAULT_CONNECT_TIMEOUT);
    }
    return resolved;
  }
}
