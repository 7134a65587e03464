package dev.breakwater.benchmarks;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CountersProbe;
import dev.breakwater.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Many threads on one breaker: throughput of the same trivial call through one shared
 * Breakwater breaker (no timeout) and one shared Resilience4j {@code decorateSupplier}, against the
 * floor of a breaker with {@link LongAdder} counters: a volatile state read, the clock read around
 * the call, and three shared adders (successes, duration nanos, calls). Run with many threads,
 * e.g. {@code -t 64} and {@code -t 200}. Two more rows compare the counters alone: Breakwater's
 * per-thread cells as the success path writes them (lifetime and window: successes and duration
 * each) against four {@link LongAdder}s doing the same, with the same two clock reads.
 *
 * <p>Every op, in every benchmark, also adds one to that benchmark's own op counter (a
 * {@code LongAdder}); after the run, Breakwater's {@code totalSuccesses()} and
 * {@code totalCalls()} must equal it exactly, or the run fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ManyThreadsBenchmark {
  /** The thread counts the report runs this benchmark at. */
  static final List<Integer> THREADS = List.of(64, 200);

  static final Object RESULT = new Object();

  private final Callable<Object> callable = () -> RESULT;
  private final Supplier<Object> supplier = () -> RESULT;

  private CircuitBreaker breaker;
  private LongAdder breakwaterOps;

  private Supplier<Object> r4jDecorated;
  private LongAdder r4jOps;

  private LongAdder successes;
  private LongAdder durationNanos;
  private LongAdder calls;
  private long duration;
  private LongAdder baselineOps;

  private CountersProbe counters;
  private LongAdder countersOps;
  private LongAdder[] adders;
  private LongAdder addersOps;

  @Setup(Level.Trial)
  public void setUp() {
    counters = new CountersProbe();
    countersOps = new LongAdder();
    adders = new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    addersOps = new LongAdder();
    breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("many-threads").timeout(Duration.ZERO).build());
    breakwaterOps = new LongAdder();
    r4jDecorated = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
        io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("many-threads"), supplier);
    r4jOps = new LongAdder();
    successes = new LongAdder();
    durationNanos = new LongAdder();
    calls = new LongAdder();
    duration = 1; // a field, not a constant, so the add cannot be folded
    baselineOps = new LongAdder();
  }

  /**
   * What a breaker with {@code LongAdder} counters does at least on its success path: read the
   * state and the clock before and after the call, then count the success and its duration. No
   * state machine, no window: a floor for such a breaker, not a full one.
   */
  private volatile Object state = new Object();

  @Benchmark
  public Object longAdderBaseline() {
    if (state == null) {
      throw new IllegalStateException();
    }
    long start = Ticker.coarse().read();
    Object result = RESULT;
    long end = Ticker.coarse().read();
    successes.increment();
    durationNanos.add(end - start + duration);
    calls.increment();
    baselineOps.increment();
    return result;
  }

  /** Breakwater's counters alone: what {@code execute} records for a success, no state machine. */
  @Benchmark
  public Object breakwaterCounters() {
    long start = Ticker.coarse().read();
    long end = Ticker.coarse().read();
    counters.success(end - start + duration);
    countersOps.increment();
    return RESULT;
  }

  /** The same with {@code LongAdder}s: lifetime and window successes and duration. */
  @Benchmark
  public Object longAdderCounters() {
    long start = Ticker.coarse().read();
    long end = Ticker.coarse().read();
    long nanos = end - start + duration;
    adders[0].increment();
    adders[1].add(nanos);
    adders[2].increment();
    adders[3].add(nanos);
    addersOps.increment();
    return RESULT;
  }

  @Benchmark
  public Object breakwaterExecute() throws Exception {
    Object result = breaker.execute(callable);
    breakwaterOps.increment();
    return result;
  }

  @Benchmark
  public Object resilience4jDecorateSupplier() {
    Object result = r4jDecorated.get();
    r4jOps.increment();
    return result;
  }

  /** Counters must be exact: every op this trial made is in the breaker's totals. */
  @TearDown(Level.Trial)
  public void checkCounters() {
    long ops = breakwaterOps.sum();
    CircuitBreakerStats stats = breaker.stats();
    if (stats.totalSuccesses() != ops || stats.totalCalls() != ops) {
      throw new IllegalStateException("Breakwater counted " + stats.totalSuccesses() + " successes and "
          + stats.totalCalls() + " calls for " + ops + " ops: " + stats);
    }
    long base = baselineOps.sum();
    // The duration adder sums clock differences too, so only its lower bound is exact.
    if (successes.sum() != base || calls.sum() != base || durationNanos.sum() < base * duration) {
      throw new IllegalStateException("baseline adders lost updates: " + successes.sum() + ", "
          + calls.sum() + ", " + durationNanos.sum() + " for " + base + " ops");
    }
    long counted = countersOps.sum();
    if (counters.successes() != counted || counters.windowSuccesses() != counted
        || adders[0].sum() != addersOps.sum() || adders[2].sum() != addersOps.sum()) {
      throw new IllegalStateException("counters lost updates: Breakwater " + counters.successes()
          + "/" + counters.windowSuccesses() + " for " + counted + " ops, LongAdder "
          + adders[0].sum() + "/" + adders[2].sum() + " for " + addersOps.sum() + " ops");
    }
    if (ops > 0) {
      System.out.println("counter check: Breakwater totalSuccesses " + stats.totalSuccesses()
          + " = " + ops + " ops");
    }
  }
}
