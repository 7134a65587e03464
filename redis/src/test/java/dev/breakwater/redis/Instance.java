package dev.breakwater.redis;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** One instance of a fleet in the test JVM: a registry of its own, its breakers' transitions, its fleet. */
final class Instance implements AutoCloseable {
  static final Duration REFRESH = Duration.ofMillis(250);

  final String id;
  final CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
  final List<CircuitBreakerEvent.StateChanged> transitions = new CopyOnWriteArrayList<>();
  RedisFleet fleet;

  private Instance(String id) {
    this.id = id;
  }

  /** An instance with the given breakers, attached with test timings (refresh 250 ms, poll 20 ms). */
  static Instance start(RedisServer redis, String fleet, String id, List<CircuitBreakerConfig> breakers,
      UnaryOperator<RedisFleet.Builder> customize) {
    Instance instance = create(id, breakers);
    instance.attach(redis, fleet, customize);
    return instance;
  }

  /** An instance with the given breakers, not attached to a fleet yet. */
  static Instance create(String id, List<CircuitBreakerConfig> breakers) {
    Instance instance = new Instance(id);
    breakers.forEach(instance::add);
    return instance;
  }

  void attach(RedisServer redis, String fleetName, UnaryOperator<RedisFleet.Builder> customize) {
    fleet = customize.apply(RedisFleet.builder(registry, redis.uri())
        .fleet(fleetName)
        .instanceId(id)
        .timeout(Duration.ofMillis(500))
        .refreshInterval(REFRESH)
        .pollInterval(Duration.ofMillis(20)))
        .build();
  }

  static Instance start(RedisServer redis, String fleet, String id, CircuitBreakerConfig... breakers) {
    return start(redis, fleet, id, List.of(breakers), b -> b);
  }

  static CircuitBreakerConfig config(String name) {
    return CircuitBreakerConfig.builder(name).timeout(Duration.ZERO).build();
  }

  CircuitBreaker add(CircuitBreakerConfig config) {
    CircuitBreaker breaker = registry.breaker(config);
    breaker.onEvent(event -> {
      if (event instanceof CircuitBreakerEvent.StateChanged changed) {
        transitions.add(changed);
      }
    });
    return breaker;
  }

  CircuitBreaker breaker(String name) {
    return registry.find(name).orElseThrow();
  }

  CircuitState state(String name) {
    return breaker(name).state();
  }

  /** The reason of the last transition of {@code breaker} into {@code to}. */
  String reasonOfLast(String breaker, CircuitState to) {
    for (int i = transitions.size() - 1; i >= 0; i--) {
      CircuitBreakerEvent.StateChanged changed = transitions.get(i);
      if (changed.breakerName().equals(breaker) && changed.to() == to) {
        return changed.reason();
      }
    }
    return "(no transition of " + breaker + " to " + to + ")";
  }

  /** Records {@code n} failures on the breaker (as its own calls would). */
  void fail(String breaker, int n) {
    CircuitBreaker b = breaker(breaker);
    for (int i = 0; i < n; i++) {
      b.tryAcquire().ifPresent(p -> p.onFailure(new java.io.IOException("dependency down")));
    }
  }

  @Override
  public void close() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
