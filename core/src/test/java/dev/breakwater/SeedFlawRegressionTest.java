package dev.breakwater;

import static dev.breakwater.Calls.fail;
import static dev.breakwater.Calls.failTimes;
import static dev.breakwater.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * One regression test for each flaw of the design guide's sketch that concerns the core
 * (DESIGN.md, "The seed's flaws that must not come back"). Flaws 8 and 9 concern the New Relic
 * clients and are guarded in that module.
 */
class SeedFlawRegressionTest {
  private final TestTicker ticker = new TestTicker();

  @Test
  void flaw01_timeoutTimerIsClearedSoFastCallsNeverCountPhantomTimeouts() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("flaw1")
        .timeout(Duration.ofMillis(50)).build());
    for (int i = 0; i < 20_000; i++) {
      b.execute(() -> "fast");
    }
    // Let every deadline pass (the timer runs on real time). A stray interrupt would end this
    // wait early with an InterruptedException.
    assertThat(new CountDownLatch(1).await(300, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(b.stats().totalTimeouts()).isZero();
    assertThat(b.stats().totalSuccesses()).isEqualTo(20_000);
  }

  @Test
  void flaw02_halfOpenAdmitsNoProbeStormUnderContention() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("flaw2").failureThreshold(1)
        .successThreshold(3).halfOpenMaxCalls(3).timeout(Duration.ZERO).ticker(ticker).build());
    fail(b);
    ticker.advance(Duration.ofSeconds(5));
    int callers = 16;
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger entered = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(pool.submit(() -> {
          try {
            return b.execute(() -> {
              entered.incrementAndGet();
              return release.await(30, TimeUnit.SECONDS);
            });
          } catch (CallNotPermittedException e) {
            rejected.incrementAndGet();
            return null;
          }
        }));
      }
      while (entered.get() + rejected.get() < callers) {
        Thread.yield();
      }
      assertThat(entered).hasValue(3);
      assertThat(rejected).hasValue(callers - 3);
      release.countDown();
      for (Future<?> f : calls) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void flaw03_successesFromClosedDoNotCarryIntoHalfOpen() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("flaw3").failureThreshold(2)
        .successThreshold(2).timeout(Duration.ZERO).ticker(ticker).build());
    for (int i = 0; i < 10; i++) {
      succeed(b);
    }
    failTimes(b, 2);
    ticker.advance(Duration.ofSeconds(5));
    succeed(b);
    assertThat(b.state()).as("one trial success of two").isEqualTo(CircuitState.HALF_OPEN);
  }

  @Test
  void flaw04_monitoringWindowIsUsed() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("flaw4").failureThreshold(100)
        .failureRateThreshold(50).minimumCalls(4).monitoringWindow(Duration.ofSeconds(10))
        .timeout(Duration.ZERO).ticker(ticker).build());
    failTimes(b, 3);
    assertThat(b.stats().windowFailures()).isEqualTo(3);
    ticker.advance(Duration.ofSeconds(11));
    assertThat(b.stats().windowCalls()).as("old calls left the window").isZero();
    succeed(b);
    fail(b);
    fail(b);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED); // 2 of 3: below minimumCalls
    fail(b);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN); // 3 of 4 = 75%
  }

  @Test
  void flaw05_averageResponseTimeIsTheTrueMeanOverSuccessesAndFailures() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("flaw5").timeout(Duration.ZERO)
        .ticker(ticker).build());
    Calls.fail(b, ticker, Duration.ofMillis(90));
    Calls.succeed(b, ticker, Duration.ofMillis(10));
    Calls.fail(b, ticker, Duration.ofMillis(50));
    Calls.succeed(b, ticker, Duration.ofMillis(30));
    assertThat(b.stats().averageResponseTime()).isEqualTo(Duration.ofMillis(45));
  }

  @Test
  void flaw06_rejectionsDoNotMoveTheFailureRate() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("flaw6").failureThreshold(2)
        .timeout(Duration.ZERO).ticker(ticker).build());
    succeed(b);
    succeed(b);
    failTimes(b, 2); // opens
    failTimes(b, 100); // all rejected
    CircuitBreakerStats s = b.stats();
    assertThat(s.totalRejections()).isEqualTo(100);
    assertThat(s.totalCalls()).isEqualTo(104);
    assertThat(s.failureRate()).isCloseTo(50.0, within(1e-9));
    assertThat(s.successRate()).isCloseTo(50.0, within(1e-9));
  }

  @Test
  void flaw07_registryRefusesADifferentConfigForAnExistingName() {
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
    registry.breaker(CircuitBreakerConfig.builder("nerdgraph-api").build());
    CircuitBreakerConfig other = CircuitBreakerConfig.builder("nerdgraph-api").failureThreshold(3)
        .timeout(Duration.ofSeconds(20)).build();
    assertThatThrownBy(() -> registry.breaker(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CircuitBreaker 'nerdgraph-api' already exists with a different config")
        .hasMessageContaining("failureThreshold (5 vs 3)")
        .hasMessageContaining("timeout (PT30S vs PT20S)")
        .hasMessageNotContaining("retryDelay");
  }

  @Test
  void flaw10_nothingIsLoggedOnTheSuccessPath() throws Exception {
    Logger root = Logger.getLogger("");
    Logger ours = Logger.getLogger("dev.breakwater");
    Level previous = ours.getLevel();
    List<LogRecord> records = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLoggerName() != null && record.getLoggerName().startsWith("dev.breakwater")) {
          records.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
    ours.setLevel(Level.ALL);
    try {
      CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("flaw10").build());
      for (int i = 0; i < 1_000; i++) {
        succeed(b);
      }
      assertThat(records).isEmpty();
    } finally {
      root.removeHandler(capture);
      ours.setLevel(previous);
    }
  }
}
