package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Eight threads hammer one breaker while a driver thread makes the dependency fail and recover
 * and moves the ticker past the retry delay, so the breaker cycles open, half-open and closed
 * many times under contention.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 25_000;
  private static final int MAX_TRIALS = 2;

  /** A call's entry and exit on one global sequence. */
  private record Interval(long in, long out) {}

  private final TestTicker ticker = new TestTicker();
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("hammered")
      .failureThreshold(3).successThreshold(4).halfOpenMaxCalls(MAX_TRIALS)
      .retryDelay(Duration.ofSeconds(1)).timeout(Duration.ZERO).ticker(ticker).build());
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final ThreadLocal<Interval> lastCall = new ThreadLocal<>();
  private final Queue<Interval> trials = new ConcurrentLinkedQueue<>();
  private final LongAdder successes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder rejections = new LongAdder();
  private final LongAdder opened = new LongAdder();
  private final LongAdder closed = new LongAdder();
  private final LongAdder calls = new LongAdder();
  // Workers keep calling until the driver has seen enough cycles, however fast the machine is.
  private final AtomicBoolean enoughCycles = new AtomicBoolean();

  @Test
  void trialLimitHoldsAndEveryCallIsCountedExactlyOnce() throws Exception {
    breaker.onEvent(event -> {
      if (event instanceof CircuitBreakerEvent.Success s && s.state() == CircuitState.HALF_OPEN
          || event instanceof CircuitBreakerEvent.Failure f && f.state() == CircuitState.HALF_OPEN) {
        trials.add(lastCall.get());
      } else if (event instanceof CircuitBreakerEvent.StateChanged c) {
        if (c.to() == CircuitState.OPEN) {
          opened.increment();
        } else if (c.to() == CircuitState.CLOSED) {
          closed.increment();
        }
      }
    });

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch workersDone = new CountDownLatch(THREADS);
    List<Future<?>> workers = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      workers.add(pool.submit(() -> {
        try {
          for (int c = 0; c < CALLS_PER_THREAD || !enoughCycles.get(); c++) {
            callOnce();
            calls.increment();
          }
        } finally {
          workersDone.countDown();
        }
        return null;
      }));
    }
    drive(workersDone);
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();

    CircuitBreakerStats s = breaker.stats();
    assertThat(s.totalCalls()).isEqualTo(calls.sum());
    assertThat(s.totalSuccesses()).isEqualTo(successes.sum());
    assertThat(s.totalFailures()).isEqualTo(failures.sum());
    assertThat(s.totalRejections()).isEqualTo(rejections.sum());
    assertThat(s.totalIgnored()).isZero();
    assertThat(((DefaultCircuitBreaker) breaker).trialsInFlight()).as("every permit ended").isZero();
    assertThat(opened.sum()).as("open cycles").isGreaterThanOrEqualTo(5);
    assertThat(closed.sum()).as("close cycles").isGreaterThanOrEqualTo(3);
    assertThat(trials).isNotEmpty();
    assertThat(maxOverlap(trials)).as("trial calls in flight at once").isLessThanOrEqualTo(MAX_TRIALS);
  }

  private void callOnce() {
    try {
      breaker.execute(() -> {
        long in = sequence.incrementAndGet();
        // Trials linger, so that an over-admitting breaker would be caught with many in flight.
        int pause = breaker.state() == CircuitState.HALF_OPEN ? 200 : 2;
        for (int p = 0; p < pause; p++) {
          Thread.yield();
        }
        boolean fail = failing.get();
        lastCall.set(new Interval(in, sequence.incrementAndGet()));
        if (fail) {
          throw new Calls.Boom("dependency down");
        }
        return null;
      });
      successes.increment();
    } catch (CallNotPermittedException e) {
      rejections.increment();
    } catch (Calls.Boom e) {
      failures.increment();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Alternates outages and recoveries until the workers are done. */
  private void drive(CountDownLatch workersDone) {
    while (workersDone.getCount() > 0) {
      failing.set(true);
      awaitState(CircuitState.OPEN, workersDone);
      failing.set(false);
      ticker.advance(Duration.ofSeconds(1));
      awaitState(CircuitState.CLOSED, workersDone);
      if (opened.sum() >= 6 && closed.sum() >= 4) {
        enoughCycles.set(true);
      }
    }
  }

  private void awaitState(CircuitState wanted, CountDownLatch workersDone) {
    while (breaker.state() != wanted && workersDone.getCount() > 0) {
      if (wanted == CircuitState.CLOSED && breaker.state() == CircuitState.OPEN) {
        ticker.advance(Duration.ofSeconds(1)); // a trial failed while we switched phases
      }
      Thread.yield();
    }
  }

  private static int maxOverlap(Queue<Interval> intervals) {
    List<long[]> points = new ArrayList<>();
    for (Interval i : intervals) {
      points.add(new long[] {i.in(), +1});
      points.add(new long[] {i.out(), -1});
    }
    points.sort((a, b) -> Long.compare(a[0], b[0]));
    int current = 0;
    int max = 0;
    for (long[] p : points) {
      current += (int) p[1];
      max = Math.max(max, current);
    }
    return max;
  }
}
