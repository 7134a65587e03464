package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.testkit.FakeNewRelic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A FakeNewRelic with the canary keys, a config pointing at it, a fresh registry, and a sleeper
 * that records retry waits instead of waiting. Close it after each test.
 */
final class Fixture implements AutoCloseable {
  final FakeNewRelic fake = FakeNewRelic.builder()
      .licenseKey(Canary.LICENSE_KEY)
      .userKey(Canary.USER_KEY)
      .start();
  final NewRelicConfig config = NewRelicConfig.builder()
      .accountId(fake.accountId())
      .licenseKey(Canary.LICENSE_KEY)
      .userKey(Canary.USER_KEY)
      .eventApiUrl(fake.eventApiUrl())
      .metricApiUrl(fake.metricApiUrl())
      .nerdGraphUrl(fake.nerdGraphUrl())
      .build();
  final CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  EventApiClient.Builder eventApi() {
    return EventApiClient.builder(config).registry(registry).sleeper(sleeps::add);
  }

  NerdGraphClient.Builder nerdGraph() {
    return NerdGraphClient.builder(config).registry(registry);
  }

  @Override
  public void close() {
    fake.close();
  }
}
