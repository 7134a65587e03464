package dev.breakwater.benchmarks;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.micrometer.CircuitBreakerMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code execute} on a breaker whose registry is bound to a Micrometer registry, against the same
 * call on an identical breaker nobody publishes: the binder reads the breaker only when a
 * registry publishes or is scraped, so the two should cost the same within noise. The scrape
 * benchmark measures that read: every meter of one bound breaker, as a scrape or publish does.
 * Breakers are shared by all benchmark threads, as in {@link CallBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class MicrometerBinderBenchmark {
  private final Callable<Object> callable = () -> CallBenchmark.RESULT;

  private CircuitBreaker unbound;
  private CircuitBreaker bound;
  private CircuitBreakerMetrics metrics;
  private List<Meter> boundMeters;

  @Setup
  public void bind() {
    unbound = CircuitBreakerRegistry.create().breaker(config("bw-unbound"));
    CircuitBreakerRegistry published = CircuitBreakerRegistry.create();
    bound = published.breaker(config("bw-bound"));
    SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    metrics = new CircuitBreakerMetrics(published);
    metrics.bindTo(meterRegistry);
    boundMeters = meterRegistry.getMeters();
    if (boundMeters.isEmpty()) {
      throw new IllegalStateException("the binder registered no meters");
    }
  }

  @TearDown
  public void unbind() {
    metrics.close();
  }

  private static CircuitBreakerConfig config(String name) {
    return CircuitBreakerConfig.builder(name).timeout(Duration.ZERO).build();
  }

  @Benchmark
  public Object executeUnbound() throws Exception {
    return unbound.execute(callable);
  }

  @Benchmark
  public Object executeBound() throws Exception {
    return bound.execute(callable);
  }

  /** Reads every meter of the bound breaker once (15 meters, 16 measurements). */
  @Benchmark
  public double scrapeOneBreaker() {
    double sum = 0;
    for (Meter meter : boundMeters) {
      for (Measurement measurement : meter.measure()) {
        sum += measurement.getValue();
      }
    }
    return sum;
  }
}
