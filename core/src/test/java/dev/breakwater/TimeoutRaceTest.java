package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Synchronous timeouts under contention, on the real heartbeat: 16 threads (more than the 2
 * cores) make calls that either return at once or block well past their deadline, some of them
 * nested inside another breaker's call, with timeouts from 2 to 40 ms so that callers keep
 * bringing the heartbeat's planned scan forward while it scans. Every blocking call must time out,
 * no call before its deadline, and no interrupt may outlive its call.
 */
class TimeoutRaceTest {
  private static final int THREADS = 16;
  private static final int CALLS_PER_THREAD = 150;

  @Test
  void everyBlockedCallTimesOutNoneEarlyAndNoInterruptLeaks() throws Exception {
    List<CircuitBreaker> breakers = new ArrayList<>();
    for (int ms : new int[] {2, 5, 13, 40}) {
      breakers.add(CircuitBreaker.of(CircuitBreakerConfig.builder("race-" + ms)
          .failureThreshold(1_000_000).timeout(Duration.ofMillis(ms)).build()));
    }
    CircuitBreaker outer = CircuitBreaker.of(CircuitBreakerConfig.builder("race-outer")
        .failureThreshold(1_000_000).timeout(Duration.ofSeconds(30)).build());
    LongAdder timedOut = new LongAdder();
    LongAdder returned = new LongAdder();
    Queue<String> wrong = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(THREADS);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Thread t = new Thread(() -> {
        try {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int n = 0; n < CALLS_PER_THREAD; n++) {
            CircuitBreaker b = breakers.get(random.nextInt(breakers.size()));
            long timeoutNanos = b.config().timeout().toNanos();
            boolean block = random.nextInt(4) == 0;
            boolean nested = random.nextInt(3) == 0;
            long start = System.nanoTime();
            try {
              Callable inner = () -> b.execute(() -> {
                if (block) {
                  new CountDownLatch(1).await(10, TimeUnit.SECONDS);
                  wrong.add("a blocked call was never interrupted");
                }
                return 1;
              });
              if (nested) {
                outer.execute(inner::call);
              } else {
                inner.call();
              }
              returned.increment();
              if (block) {
                wrong.add("a blocked call returned");
              }
            } catch (CallTimeoutException e) {
              long took = System.nanoTime() - start;
              timedOut.increment();
              // A call that returns at once may still time out, rightly, if its thread loses the
              // CPU for longer than the timeout on a loaded machine; what must never happen is a
              // timeout before the deadline.
              if (took < timeoutNanos) {
                wrong.add("timed out after " + took + " ns, before its " + timeoutNanos + " ns deadline");
              }
            }
            if (Thread.currentThread().isInterrupted()) {
              wrong.add("an interrupt outlived its call");
              Thread.interrupted();
            }
          }
        } catch (Exception e) {
          wrong.add("unexpected " + e);
        } finally {
          done.countDown();
        }
      }, "timeout-race-" + i);
      t.start();
      threads.add(t);
    }
    assertThat(done.await(120, TimeUnit.SECONDS)).as("all threads finished").isTrue();
    assertThat(wrong).isEmpty();
    assertThat(timedOut.sum() + returned.sum()).isEqualTo((long) THREADS * CALLS_PER_THREAD);
    assertThat(timedOut.sum()).isPositive();
    long timeouts = 0;
    for (CircuitBreaker b : breakers) {
      timeouts += b.stats().totalTimeouts();
    }
    assertThat(timeouts).isEqualTo(timedOut.sum());
  }

  /** The body of a call, which may throw anything. */
  @FunctionalInterface
  private interface Callable {
    Object call() throws Exception;
  }
}
