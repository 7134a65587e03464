package dev.breakwater.benchmarks;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.Permit;
import dev.breakwater.Ticker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Timeout;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The same trivial call, unprotected and through each library's breaker. Breakers are shared by
 * all benchmark threads. The "half fail" variants alternate success and failure on a breaker
 * configured never to open, so the failure path is measured too.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CallBenchmark {
  static final Object RESULT = new Object();
  static final RuntimeException FAILURE = new RuntimeException("benchmark failure", null, false, false) {
    private static final long serialVersionUID = 1L;
  };

  private final Supplier<Object> call = () -> RESULT;
  private final Callable<Object> callable = () -> RESULT;

  // Breakwater
  private final CircuitBreaker bwDefault = CircuitBreaker.of(CircuitBreakerConfig.builder("bw")
      .timeout(Duration.ZERO).build());
  private final CircuitBreaker bwPrecise = CircuitBreaker.of(CircuitBreakerConfig.builder("bw-precise")
      .timeout(Duration.ZERO).ticker(Ticker.system()).build());
  private final CircuitBreaker bwWindow = CircuitBreaker.of(CircuitBreakerConfig.builder("bw-window")
      .timeout(Duration.ZERO).monitoringWindow(Duration.ofSeconds(60)).failureRateThreshold(50).build());
  private final CircuitBreaker bwTimeout = CircuitBreaker.of(CircuitBreakerConfig.builder("bw-timeout")
      .timeout(Duration.ofSeconds(30)).build());
  private final CircuitBreaker bwHalfFail = CircuitBreaker.of(CircuitBreakerConfig.builder("bw-half")
      .timeout(Duration.ZERO).failureThreshold(Integer.MAX_VALUE).build());

  // Resilience4j
  private final io.github.resilience4j.circuitbreaker.CircuitBreaker r4jDefault =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("r4j");
  private final Supplier<Object> r4jDecorated =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(r4jDefault, call);
  private final io.github.resilience4j.circuitbreaker.CircuitBreaker r4jTime =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.of("r4j-time",
          io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
              .slidingWindowType(SlidingWindowType.TIME_BASED).slidingWindowSize(60).build());
  private final Supplier<Object> r4jTimeDecorated =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(r4jTime, call);
  private final io.github.resilience4j.circuitbreaker.CircuitBreaker r4jPermission =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("r4j-permission");
  private final io.github.resilience4j.circuitbreaker.CircuitBreaker r4jLimited =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("r4j-limited");
  private final Callable<Object> r4jTimeLimited =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateCallable(r4jLimited,
          TimeLimiter.decorateFutureSupplier(
              TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(30)).build()),
              () -> CompletableFuture.completedFuture(RESULT)));
  private final io.github.resilience4j.circuitbreaker.CircuitBreaker r4jHalfFail =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.of("r4j-half",
          io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom().failureRateThreshold(100).build());

  // Failsafe
  private final dev.failsafe.CircuitBreaker<Object> fsBreaker = dev.failsafe.CircuitBreaker.ofDefaults();
  private final FailsafeExecutor<Object> fsExecutor = Failsafe.with(fsBreaker);
  private final dev.failsafe.CircuitBreaker<Object> fsPermit = dev.failsafe.CircuitBreaker.ofDefaults();
  private final FailsafeExecutor<Object> fsTimeout = Failsafe.with(dev.failsafe.CircuitBreaker.ofDefaults(),
      Timeout.<Object>of(Duration.ofSeconds(30)));
  private final FailsafeExecutor<Object> fsHalfFail = Failsafe.with(dev.failsafe.CircuitBreaker.builder()
      .withFailureThreshold(100, 100).build());

  /** Per-thread alternation for the half-fail variants. */
  @State(Scope.Thread)
  public static class Alternator {
    boolean fail;

    boolean next() {
      fail = !fail;
      return fail;
    }
  }

  @Benchmark
  public Object direct() {
    return call.get();
  }

  @Benchmark
  public Object breakwaterExecute() throws Exception {
    return bwDefault.execute(callable);
  }

  @Benchmark
  public Object breakwaterExecutePreciseTicker() throws Exception {
    return bwPrecise.execute(callable);
  }

  @Benchmark
  public Object breakwaterPermit() {
    Permit permit = bwDefault.tryAcquire().orElseThrow();
    Object result = call.get();
    permit.onSuccess();
    return result;
  }

  @Benchmark
  public Object breakwaterTimeWindowFailureRate() throws Exception {
    return bwWindow.execute(callable);
  }

  @Benchmark
  public Object breakwaterTimeout() throws Exception {
    return bwTimeout.execute(callable);
  }

  @Benchmark
  public Object breakwaterHalfFail(Alternator a) {
    boolean fail = a.next();
    try {
      return bwHalfFail.execute(() -> {
        if (fail) {
          throw FAILURE;
        }
        return RESULT;
      });
    } catch (Exception e) {
      return e;
    }
  }

  @Benchmark
  public Object resilience4jDecorateSupplier() {
    return r4jDecorated.get();
  }

  @Benchmark
  public Object resilience4jTimeWindow() {
    return r4jTimeDecorated.get();
  }

  @Benchmark
  public Object resilience4jPermission() {
    r4jPermission.acquirePermission();
    long start = System.nanoTime();
    Object result = call.get();
    r4jPermission.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return result;
  }

  @Benchmark
  public Object resilience4jTimeLimiter() throws Exception {
    return r4jTimeLimited.call();
  }

  @Benchmark
  public Object resilience4jHalfFail(Alternator a) {
    boolean fail = a.next();
    try {
      return r4jHalfFail.executeSupplier(() -> {
        if (fail) {
          throw FAILURE;
        }
        return RESULT;
      });
    } catch (RuntimeException e) {
      return e;
    }
  }

  @Benchmark
  public Object failsafeGet() {
    return fsExecutor.get(call::get);
  }

  @Benchmark
  public Object failsafePermit() {
    if (!fsPermit.tryAcquirePermit()) {
      throw new IllegalStateException("open");
    }
    Object result = call.get();
    fsPermit.recordSuccess();
    return result;
  }

  @Benchmark
  public Object failsafeTimeout() {
    return fsTimeout.get(call::get);
  }

  @Benchmark
  public Object failsafeHalfFail(Alternator a) {
    boolean fail = a.next();
    try {
      return fsHalfFail.get(() -> {
        if (fail) {
          throw FAILURE;
        }
        return RESULT;
      });
    } catch (RuntimeException e) {
      return e;
    }
  }
}
