package dev.breakwater.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CircuitState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the meters ask of a breaker, and when: seen through a breaker that records every method
 * called on it and answers {@code stats()} with scripted snapshots.
 */
class ReadingsTest {
  private final List<String> invoked = new CopyOnWriteArrayList<>();
  private final AtomicReference<CircuitBreakerStats> stats = new AtomicReference<>(stats(0, 0, 0,
      Duration.ZERO));
  private final CircuitBreaker real =
      CircuitBreaker.of(CircuitBreakerConfig.builder("scripted").build());
  private final CircuitBreaker breaker = recording();
  private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
  private final Meters meters = new Meters(meterRegistry, "scripted");

  @Test
  void bindingSubscribesToNoBreakerEventsSoCallsDoNoMetricWork() {
    CircuitBreakerMetrics.of(breaker).bindTo(meterRegistry);
    assertThat(invoked).containsOnly("name");
  }

  @Test
  void metersReadTheBreakerOnlyWhenTheyAreRead() {
    CircuitBreakerMetrics.of(breaker).bindTo(meterRegistry);
    invoked.clear();

    meters.calls("successful");
    assertThat(invoked).containsExactly("stats");

    invoked.clear();
    meters.state();
    assertThat(invoked).containsOnly("state").hasSize(Meters.STATES.size());
  }

  @Test
  void failedNeverGoesBackWhenASnapshotCatchesATimeoutBeforeItsFailure() {
    CircuitBreakerMetrics.of(breaker).bindTo(meterRegistry);
    stats.set(stats(5, 1, 0, Duration.ZERO));
    assertThat(meters.calls("failed")).isEqualTo(4.0);
    stats.set(stats(5, 2, 0, Duration.ZERO)); // the timeout counted, its failure not yet
    assertThat(meters.calls("failed")).isEqualTo(4.0);
    stats.set(stats(6, 2, 0, Duration.ZERO));
    assertThat(meters.calls("failed")).isEqualTo(4.0);
    stats.set(stats(7, 2, 0, Duration.ZERO));
    assertThat(meters.calls("failed")).isEqualTo(5.0);
  }

  @Test
  void callDurationTotalIsTheMeanTimesTheCountAndNeverGoesBack() {
    CircuitBreakerMetrics.of(breaker).bindTo(meterRegistry);
    stats.set(stats(0, 0, 3, Duration.ofNanos(333)));
    assertThat(meters.duration().totalTime(TimeUnit.NANOSECONDS)).isCloseTo(999.0, within(1e-6));
    // One more call of 0 ns (possible on a coarse ticker): mean 999 / 4 = 249.75, truncated.
    stats.set(stats(0, 0, 4, Duration.ofNanos(249)));
    assertThat(meters.duration().totalTime(TimeUnit.NANOSECONDS)).isCloseTo(999.0, within(1e-6));
    assertThat(meters.duration().count()).isEqualTo(4.0);
  }

  private CircuitBreakerStats stats(long failures, long timeouts, long successes, Duration mean) {
    return new CircuitBreakerStats("scripted", CircuitState.CLOSED, successes, failures, timeouts,
        0, 0, mean, Optional.empty(), 0, 0, 0);
  }

  private CircuitBreaker recording() {
    return (CircuitBreaker) Proxy.newProxyInstance(CircuitBreaker.class.getClassLoader(),
        new Class<?>[] {CircuitBreaker.class}, (proxy, method, args) -> {
          invoked.add(method.getName());
          if (method.getName().equals("stats")) {
            return stats.get();
          }
          return invoke(method, args);
        });
  }

  private Object invoke(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
