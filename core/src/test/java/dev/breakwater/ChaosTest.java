package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Many threads making random calls, abandoning permits, and racing reset, forceOpen and disable
 * against each other on a ticker that keeps moving. Afterwards the counters must be exact, the
 * window never negative, and the breaker must recover to CLOSED under successes.
 */
class ChaosTest {
  private static final int THREADS = 8;
  private static final int STEPS = 20_000;

  @Test
  void theBreakerAlwaysRecoversAndCountsExactlyWhateverHappens() throws Exception {
    TestTicker ticker = new TestTicker();
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("chaos")
        .failureThreshold(3).successThreshold(2).halfOpenMaxCalls(2).timeout(Duration.ZERO)
        .retryDelay(Duration.ofMillis(50)).failureRateThreshold(50).minimumCalls(5)
        .maxHalfOpenWait(Duration.ofSeconds(1)).ticker(ticker).build());
    LongAdder successes = new LongAdder();
    LongAdder failures = new LongAdder();
    LongAdder rejections = new LongAdder();
    LongAdder ignored = new LongAdder();
    List<Throwable> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int i = 0; i < STEPS; i++) {
            int dice = random.nextInt(100);
            if (dice < 2) {
              ticker.advanceMillis(random.nextInt(1, 200));
            } else if (dice < 3) {
              switch (random.nextInt(3)) {
                case 0 -> b.reset();
                case 1 -> b.forceOpen();
                default -> b.disable();
              }
            } else if (dice < 5) {
              if (b.tryAcquire().isPresent()) {
                // abandoned: never ended, so it counts as nothing
                continue;
              }
              rejections.increment();
            } else if (dice < 10) {
              b.tryAcquire().ifPresentOrElse(p -> {
                p.release();
                ignored.increment();
              }, rejections::increment);
            } else {
              boolean fails = random.nextInt(100) < 40;
              try {
                b.call(() -> {
                  if (fails) {
                    throw new IllegalStateException("down");
                  }
                  return 1;
                });
                successes.increment();
              } catch (CallNotPermittedException e) {
                rejections.increment();
              } catch (IllegalStateException e) {
                failures.increment();
              }
            }
            CircuitBreakerStats s = b.stats();
            if (s.windowCalls() < 0 || s.windowFailures() < 0 || s.windowFailures() > s.windowCalls()
                || s.windowFailureRate() < 0 || s.windowFailureRate() > 100) {
              problems.add(new AssertionError("inconsistent window: " + s));
            }
          }
        } catch (Throwable e) {
          problems.add(e);
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(problems).isEmpty();

    CircuitBreakerStats s = b.stats();
    assertThat(s.totalSuccesses()).isEqualTo(successes.sum());
    assertThat(s.totalFailures()).isEqualTo(failures.sum());
    assertThat(s.totalRejections()).isEqualTo(rejections.sum());
    assertThat(s.totalIgnored()).isEqualTo(ignored.sum());

    // Recovery without reset(), unless a thread left it forced open or disabled by hand.
    if (b.state() == CircuitState.FORCED_OPEN || b.state() == CircuitState.DISABLED) {
      b.reset();
    }
    for (int i = 0; i < 20 && b.state() != CircuitState.CLOSED; i++) {
      ticker.advance(Duration.ofMillis(600)); // past the retry delay; twice: past maxHalfOpenWait
      for (int call = 0; call < 2; call++) {
        try {
          b.call(() -> 1);
        } catch (CallNotPermittedException stillWaiting) {
          // an abandoned trial holds a slot until the round is given up
        }
      }
    }
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(b.stats().windowCalls()).isGreaterThanOrEqualTo(0);
  }
}
