package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The success path allocates nothing: no event objects without listeners, no boxing, no permit
 * objects. Measured with the JVM's per-thread allocation counter, which counts bytes, not time.
 */
class AllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final int CALLS = 200_000;

  private static long allocatedBy(Runnable work) {
    long tid = Thread.currentThread().getId();
    long before = THREADS.getThreadAllocatedBytes(tid);
    work.run();
    return THREADS.getThreadAllocatedBytes(tid) - before;
  }

  private static void run(CircuitBreaker breaker, Callable<Object> call) {
    try {
      for (int i = 0; i < CALLS; i++) {
        breaker.execute(call);
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void successPathAllocatesNothingWithDefaultsMinusTimeout() {
    assertNoAllocation(CircuitBreakerConfig.builder("alloc").timeout(Duration.ZERO).build());
  }

  @Test
  void successPathAllocatesNothingWithTheRatePolicyAndSlowCalls() {
    assertNoAllocation(CircuitBreakerConfig.builder("alloc-window").timeout(Duration.ZERO)
        .failureRateThreshold(50).slowCallDuration(Duration.ofSeconds(1)).slowCallRateThreshold(80)
        .build());
  }

  @Test
  void successPathAllocatesNothingWithThePreciseTicker() {
    assertNoAllocation(CircuitBreakerConfig.builder("alloc-precise").timeout(Duration.ZERO)
        .ticker(Ticker.system()).build());
  }

  /** The guide's 30 s timeout: the deadline goes into the thread's reusable slot, not a new entry. */
  @Test
  void successPathAllocatesNothingWithATimeout() {
    assertNoAllocation(CircuitBreakerConfig.builder("alloc-timeout").timeout(Duration.ofSeconds(30)).build());
  }

  /** Listeners for failures, rejections and state changes: a success builds no event for them. */
  @Test
  void successPathAllocatesNothingWithListenersForOtherKinds() {
    CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("alloc-listeners")
        .timeout(Duration.ZERO).build());
    breaker.onEvent(CircuitBreakerEvent.Failure.class, f -> { });
    breaker.onEvent(CircuitBreakerEvent.Rejected.class, r -> { });
    breaker.onStateChange(c -> { });
    assertNoAllocation(breaker);
  }

  private static void assertNoAllocation(CircuitBreakerConfig config) {
    assertNoAllocation(CircuitBreaker.of(config));
  }

  private static void assertNoAllocation(CircuitBreaker breaker) {
    Object result = new Object();
    Callable<Object> call = () -> result;
    run(breaker, call); // warm up: claims the thread's counter cell, compiles the path
    long bytes = allocatedBy(() -> run(breaker, call));
    // A few hundred bytes of slack for the JVM's own bookkeeping; one object per call would be
    // millions of bytes.
    assertThat(bytes).as("bytes allocated by %d calls", CALLS).isLessThan(4_096);
    assertThat(breaker.stats().totalSuccesses()).isEqualTo(2L * CALLS);
  }
}
