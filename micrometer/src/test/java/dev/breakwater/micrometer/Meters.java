package dev.breakwater.micrometer;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads a breaker's meters by their public names, as the outside probe does. */
final class Meters {
  static final List<String> STATES =
      List.of("closed", "open", "half_open", "forced_open", "disabled");
  static final int PER_BREAKER = 5 + 4 + 1 + 2 + 2 + 1;

  private final MeterRegistry registry;
  private final String breaker;

  Meters(MeterRegistry registry, String breaker) {
    this.registry = registry;
    this.breaker = breaker;
  }

  /** The state whose gauge reads 1, after checking that every other state gauge reads 0. */
  String state() {
    String current = null;
    for (String state : STATES) {
      double value = registry.get("breakwater.circuitbreaker.state").tag("name", breaker)
          .tag("state", state).gauge().value();
      if (value == 1.0) {
        if (current != null) {
          throw new AssertionError("both " + current + " and " + state + " read 1");
        }
        current = state;
      } else if (value != 0.0) {
        throw new AssertionError("state gauge " + state + " read " + value);
      }
    }
    return current;
  }

  double calls(String kind) {
    return registry.get("breakwater.circuitbreaker.calls").tag("name", breaker).tag("kind", kind)
        .functionCounter().count();
  }

  double notPermitted() {
    return registry.get("breakwater.circuitbreaker.not.permitted.calls").tag("name", breaker)
        .functionCounter().count();
  }

  double gauge(String name) {
    return registry.get(name).tag("name", breaker).gauge().value();
  }

  double failureRate() {
    return gauge("breakwater.circuitbreaker.failure.rate");
  }

  double slowCallRate() {
    return gauge("breakwater.circuitbreaker.slow.call.rate");
  }

  double windowCalls() {
    return gauge("breakwater.circuitbreaker.window.calls");
  }

  double windowSlowCalls() {
    return gauge("breakwater.circuitbreaker.window.slow.calls");
  }

  FunctionTimer duration() {
    return registry.get("breakwater.circuitbreaker.call.duration").tag("name", breaker)
        .functionTimer();
  }

  /** How many meters carry this breaker's name. */
  int count() {
    return (int) registry.getMeters().stream()
        .filter(m -> breaker.equals(m.getId().getTag("name"))).count();
  }

  /** The breaker names that have at least one meter in {@code registry}. */
  static Set<String> namesIn(MeterRegistry registry) {
    Set<String> names = new TreeSet<>();
    for (Meter meter : registry.getMeters()) {
      names.add(meter.getId().getTag("name"));
    }
    return names;
  }
}
