package dev.breakwater.cli;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.newrelic.NerdGraphClient;
import dev.breakwater.newrelic.NewRelicConfig;
import dev.breakwater.newrelic.NewRelicException;
import java.time.Duration;
import java.util.Map;

/**
 * Before a {@code --live} demo: one small NerdGraph query (the user's name) with a short connect
 * timeout and no retries, so that a machine without a network, or a wrong key, fails within
 * seconds with the transport's message ("cannot resolve api.newrelic.com", "connection refused
 * by ...", "HTTP 401") instead of running the whole demo against a New Relic it cannot reach.
 */
final class LivePreflight {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private LivePreflight() {}

  /**
   * Checks that New Relic answers.
   *
   * @return empty if it does, or why not, in one line
   */
  static java.util.Optional<String> check(NewRelicConfig config) {
    NerdGraphClient client = NerdGraphClient.builder(config)
        .breaker(dev.breakwater.CircuitBreaker.of(CircuitBreakerConfig.builder("live-preflight")
            .timeout(CALL_TIMEOUT).build()))
        .connectTimeout(CONNECT_TIMEOUT)
        .build();
    try {
      client.query("{ actor { user { name } } }", Map.of());
      return java.util.Optional.empty();
    } catch (NewRelicException | dev.breakwater.CallTimeoutException e) {
      return java.util.Optional.of(Failures.describe(e));
    }
  }
}
