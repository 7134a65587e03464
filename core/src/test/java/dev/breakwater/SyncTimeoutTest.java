package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-call timeouts of synchronous calls. The deadline runs on real time (the shared timer), so
 * these tests block on latches until it passes; the timer's own logic is tested tick by tick in
 * {@link TimeoutWheelTest}.
 */
class SyncTimeoutTest {
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("sync")
      .timeout(Duration.ofMillis(50)).build());

  @Test
  void theCallingThreadIsInterruptedAtTheDeadline() {
    CountDownLatch never = new CountDownLatch(1);
    assertThatThrownBy(() -> breaker.execute(() -> never.await(30, TimeUnit.SECONDS)))
        .isInstanceOf(CallTimeoutException.class)
        .hasMessage("call through CircuitBreaker 'sync' timed out after PT0.05S")
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(Thread.currentThread().isInterrupted()).as("interrupt cleared").isFalse();
    CircuitBreakerStats s = breaker.stats();
    assertThat(s.totalTimeouts()).isEqualTo(1);
    assertThat(s.totalFailures()).isEqualTo(1);
    assertThat(s.lastError()).hasValueSatisfying(e -> assertThat(e).contains("timed out"));
  }

  @Test
  void aCallThatSwallowsTheInterruptAndReturnsLateIsStillATimeout() {
    assertThatThrownBy(() -> breaker.execute(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.onSpinWait();
      }
      return "late";
    })).isInstanceOf(CallTimeoutException.class).hasNoCause();
    assertThat(Thread.interrupted()).isFalse();
    assertThat(breaker.stats().totalTimeouts()).isEqualTo(1);
  }

  @Test
  void anInterruptFromSomeoneElseBeforeTheCallIsPreserved() {
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> breaker.execute(() -> {
      Thread.interrupted(); // the call consumes the caller's interrupt, then waits
      new CountDownLatch(1).await(30, TimeUnit.SECONDS);
      return null;
    })).isInstanceOf(CallTimeoutException.class);
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void noCallIsTimedOutBeforeItsDeadlineOnTheMonotonicClockEvenUnderCpuLoad() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("never-early")
        .failureThreshold(1_000).timeout(Duration.ofMillis(20)).build());
    java.util.concurrent.atomic.AtomicBoolean spin = new java.util.concurrent.atomic.AtomicBoolean(true);
    List<Thread> spinners = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        long x = 0;
        while (spin.get()) {
          x += Ticker.coarse().read(); // keeps the coarse clock busy too
        }
        assertThat(x).isNotZero();
      });
      t.setDaemon(true);
      t.start();
      spinners.add(t);
    }
    try {
      for (int i = 0; i < 25; i++) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> b.execute(() -> {
          new CountDownLatch(1).await(5, TimeUnit.SECONDS);
          return null;
        })).isInstanceOf(CallTimeoutException.class);
        long elapsed = System.nanoTime() - start;
        assertThat(elapsed).as("call %d timed out after %d ns", i, elapsed)
            .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
      }
    } finally {
      spin.set(false);
      for (Thread t : spinners) {
        t.join();
      }
    }
  }
}
