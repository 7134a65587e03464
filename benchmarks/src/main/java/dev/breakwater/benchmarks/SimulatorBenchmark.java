package dev.breakwater.benchmarks;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.Permit;
import dev.breakwater.simulator.Figures;
import dev.breakwater.simulator.Simulation;
import dev.breakwater.simulator.TraceRecorder;
import dev.breakwater.simulator.Workload;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The simulator's cost. The replay benchmarks run a whole workload through one candidate on one
 * thread and report the time per simulated call (the target is at least 5 million calls a second
 * per core, 200 ns per call, for a default config): ten minutes at 200 calls a second, evenly
 * spaced, log-normal latency, 1 % random failures and a two-minute outage at 90 %. The recorder
 * benchmarks measure what {@code TraceRecorder} adds to one call through a breaker (its event, one
 * ticker read and one slot of the buffer; the file is written by its own thread, here to nowhere).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SimulatorBenchmark {
  static final int CALLS = 120_000;

  private Simulation simulation;
  private final CircuitBreakerConfig defaults = CircuitBreakerConfig.builder("defaults").build();
  private final CircuitBreakerConfig ratePolicy = CircuitBreakerConfig.builder("rate")
      .failureRateThreshold(50).minimumCalls(20).monitoringWindow(Duration.ofSeconds(10)).build();

  private CircuitBreaker plain;
  private CircuitBreaker recorded;
  private TraceRecorder recorder;

  @Setup
  public void setUp() throws IOException {
    Workload workload = Workload.synthetic(42).callsPerSecond(200)
        .latency(Duration.ofMillis(20), Duration.ofMillis(200))
        .healthy("before", Duration.ofMinutes(4), 0.01)
        .fault("outage", Duration.ofMinutes(2), 0.9)
        .healthy("after", Duration.ofMinutes(4), 0.01)
        .build();
    if (workload.callCount() != CALLS) {
      throw new IllegalStateException("expected " + CALLS + " calls, got " + workload.callCount());
    }
    simulation = Simulation.of(workload);
    plain = CircuitBreaker.of(CircuitBreakerConfig.builder("plain").timeout(Duration.ZERO).build());
    recorded = CircuitBreaker.of(CircuitBreakerConfig.builder("recorded").timeout(Duration.ZERO).build());
    recorder = TraceRecorder.attach(recorded, Writer.nullWriter(), 1 << 16);
  }

  @TearDown
  public void tearDown() throws IOException {
    recorder.close();
  }

  /** A whole replay with the default config; the score is per simulated call. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public Figures replayDefaultConfig() {
    return simulation.run(defaults);
  }

  /** A whole replay with a failure-rate policy on a 10 s window; the score is per simulated call. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public Figures replayRatePolicy() {
    return simulation.run(ratePolicy);
  }

  /** One successful call through a breaker by permit, nothing attached. */
  @Benchmark
  public void callWithoutRecorder() {
    Permit permit = plain.tryAcquire().orElseThrow();
    permit.onSuccess();
  }

  /** The same call through a breaker a TraceRecorder is attached to. */
  @Benchmark
  public void callWithRecorder() {
    Permit permit = recorded.tryAcquire().orElseThrow();
    permit.onSuccess();
  }
}
