package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
}
