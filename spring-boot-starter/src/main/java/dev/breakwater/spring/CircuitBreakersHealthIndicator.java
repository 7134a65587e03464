package dev.breakwater.spring;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code breakwater} health component: UP with every breaker's state in the details. A
 * breaker that is OPEN or FORCED_OPEN turns it DOWN only if that breaker allows it
 * ({@code allow-health-indicator-to-fail: true}); otherwise an open circuit is the breaker doing
 * its job, not the application being unhealthy.
 */
final class CircuitBreakersHealthIndicator implements HealthIndicator {
  private final CircuitBreakerRegistry registry;
  private final Predicate<String> mayFail;

  CircuitBreakersHealthIndicator(CircuitBreakerRegistry registry, Predicate<String> mayFail) {
    this.registry = registry;
    this.mayFail = mayFail;
  }

  @Override
  public Health health() {
    boolean down = false;
    Map<String, Object> details = new LinkedHashMap<>();
    for (CircuitBreaker b : registry.all()) {
      CircuitState state = b.state();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("state", state.name());
      d.put("windowFailureRate", b.stats().windowFailureRate());
      details.put(b.name(), d);
      if ((state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN) && mayFail.test(b.name())) {
        down = true;
      }
    }
    return (down ? Health.down() : Health.up()).withDetails(details).build();
  }
}
