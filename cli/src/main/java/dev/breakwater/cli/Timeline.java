package dev.breakwater.cli;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CircuitState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the demo saw over time: periodic samples of every breaker and of the delivery counters,
 * and every state change as it happened. The HTML report is drawn from it. Thread-safe.
 */
final class Timeline {
  /** One breaker at one moment. */
  record BreakerSample(CircuitState state, long calls, long failures, long timeouts, long rejections,
      double meanLatencyMs, long outcomes, double windowFailureRate) {
    static BreakerSample of(CircuitBreakerStats s) {
      return new BreakerSample(s.state(), s.totalCalls(), s.totalFailures(), s.totalTimeouts(),
          s.totalRejections(), s.averageResponseTime().toNanos() / 1e6,
          s.totalSuccesses() + s.totalFailures(), s.windowFailureRate());
    }
  }

  /** Everything at one moment, {@code seconds} into the run. */
  record Sample(double seconds, Map<String, BreakerSample> breakers, long produced, long delivered,
      long buffered, long dropped, String phase) {}

  /** A state change, {@code seconds} into the run. */
  record Transition(double seconds, String breaker, CircuitState from, CircuitState to, String reason) {}

  private final long startNanos;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final List<Transition> transitions = new CopyOnWriteArrayList<>();

  Timeline(long startNanos) {
    this.startNanos = startNanos;
  }

  double secondsNow() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Records the state changes of {@code breaker} from now on. */
  void follow(CircuitBreaker breaker) {
    breaker.onEvent(e -> {
      if (e instanceof CircuitBreakerEvent.StateChanged c) {
        transitions.add(new Transition(secondsNow(), c.breakerName(), c.from(), c.to(), c.reason()));
      }
    });
  }

  void sample(List<CircuitBreaker> breakers, long produced, long delivered, long buffered, long dropped,
      String phase) {
    Map<String, BreakerSample> byName = new LinkedHashMap<>();
    for (CircuitBreaker b : breakers) {
      byName.put(b.name(), BreakerSample.of(b.stats()));
    }
    samples.add(new Sample(secondsNow(), byName, produced, delivered, buffered, dropped, phase));
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  List<Transition> transitions() {
    return new ArrayList<>(transitions);
  }
}
