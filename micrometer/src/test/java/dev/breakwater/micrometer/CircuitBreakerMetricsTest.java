package dev.breakwater.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CallNotPermittedException;
import dev.breakwater.CallTimeoutException;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.testkit.ManualTicker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every meter's value after scripted calls on a manual ticker. Durations are what the callables
 * advance the ticker by; the only real time is the 50 ms timeout timer, which interrupts a call
 * that waits forever.
 */
class CircuitBreakerMetricsTest {
  private final ManualTicker ticker = ManualTicker.create();
  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.create();
  private final CircuitBreaker payments = breakers.breaker(CircuitBreakerConfig.builder("payments")
      .failureThreshold(3)
      .successThreshold(1)
      .retryDelay(Duration.ofSeconds(10))
      .timeout(Duration.ofMillis(50))
      .monitoringWindow(Duration.ofSeconds(60))
      .slowCallDuration(Duration.ofMillis(200))
      .minimumCalls(4)
      .ignore(IllegalArgumentException.class)
      .ticker(ticker)
      .build());
  private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
  private final CircuitBreakerMetrics metrics = new CircuitBreakerMetrics(breakers);
  private final Meters meters = new Meters(meterRegistry, "payments");

  @AfterEach
  void closeBinder() {
    metrics.close();
  }

  @Test
  void scriptedSequenceThroughOpenHalfOpenAndClosedSetsEveryMeter() throws Exception {
    metrics.bindTo(meterRegistry);
    assertThat(meters.count()).isEqualTo(Meters.PER_BREAKER);
    assertThat(meters.state()).isEqualTo("closed");

    succeed(Duration.ofMillis(100));
    succeed(Duration.ofMillis(300)); // slow
    ignored(Duration.ofMillis(10));
    assertThat(meters.state()).isEqualTo("closed");
    assertCalls(2, 0, 1, 0);
    assertThat(meters.windowCalls()).isEqualTo(2.0);
    assertThat(meters.windowSlowCalls()).isEqualTo(1.0);
    assertThat(meters.failureRate()).as("2 calls < minimumCalls 4").isNaN();
    assertThat(meters.slowCallRate()).isNaN();
    assertDuration(2, 400);

    fail(Duration.ofMillis(100));
    timeOut(Duration.ofMillis(30));
    assertThat(meters.state()).isEqualTo("closed");
    assertCalls(2, 1, 1, 1);
    assertThat(meters.windowCalls()).isEqualTo(4.0);
    assertThat(meters.failureRate()).isEqualTo(50.0);
    assertThat(meters.slowCallRate()).isEqualTo(25.0);

    fail(Duration.ofMillis(250)); // third failure in a row, and slow
    assertThat(meters.state()).isEqualTo("open");
    assertCalls(2, 2, 1, 1);
    assertThat(meters.notPermitted()).isZero();
    assertThat(meters.windowCalls()).isEqualTo(5.0);
    assertThat(meters.windowSlowCalls()).isEqualTo(2.0);
    assertThat(meters.failureRate()).isEqualTo(60.0);
    assertThat(meters.slowCallRate()).isEqualTo(40.0);
    assertDuration(5, 100 + 300 + 100 + 30 + 250);

    assertThatThrownBy(() -> payments.execute(() -> "never runs"))
        .isInstanceOf(CallNotPermittedException.class);
    assertThat(meters.notPermitted()).isEqualTo(1.0);
    assertCalls(2, 2, 1, 1);
    assertDuration(5, 780);

    ticker.advance(Duration.ofSeconds(10));
    assertThat(meters.state()).isEqualTo("half_open");
    assertThat(meters.windowCalls()).as("half-open keeps the window it came from").isEqualTo(5.0);

    succeed(Duration.ofMillis(100)); // the trial closes the circuit
    assertThat(meters.state()).isEqualTo("closed");
    assertCalls(3, 2, 1, 1);
    assertThat(meters.notPermitted()).isEqualTo(1.0);
    assertThat(meters.windowCalls()).as("a new window for the new CLOSED period").isZero();
    assertThat(meters.windowSlowCalls()).isZero();
    assertThat(meters.failureRate()).isNaN();
    assertThat(meters.slowCallRate()).isNaN();
    assertDuration(6, 880);
    assertThat(payments.stats().totalCalls())
        .as("the four kinds and the refused calls account for every attempt")
        .isEqualTo(3 + 2 + 1 + 1 + 1);
  }

  @Test
  void manualStatesReadOneOnTheirOwnGauge() {
    metrics.bindTo(meterRegistry);
    payments.forceOpen();
    assertThat(meters.state()).isEqualTo("forced_open");
    payments.disable();
    assertThat(meters.state()).isEqualTo("disabled");
    payments.reset();
    assertThat(meters.state()).isEqualTo("closed");
  }

  @Test
  void callsKindsPartitionCompletedCallsWithoutCountingTimeoutsTwice() throws Exception {
    metrics.bindTo(meterRegistry);
    timeOut(Duration.ofMillis(1));
    timeOut(Duration.ofMillis(1));
    assertThat(payments.stats().totalFailures()).as("the core counts timeouts as failures")
        .isEqualTo(2);
    assertThat(meters.calls("timeout")).isEqualTo(2.0);
    assertThat(meters.calls("failed")).isZero();
  }

  @Test
  void callDurationMeanIsTheBreakersMeanResponseTime() throws Exception {
    metrics.bindTo(meterRegistry);
    succeed(Duration.ofNanos(1_000_001));
    fail(Duration.ofNanos(2_000_002));
    succeed(Duration.ofNanos(3_000_000));
    assertThat(meters.duration().mean(TimeUnit.NANOSECONDS))
        .isEqualTo(payments.stats().averageResponseTime().toNanos());
    assertThat(meters.duration().count()).isEqualTo(3.0);
    assertThat(meters.duration().baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
  }

  private void succeed(Duration took) throws Exception {
    payments.execute(() -> {
      ticker.advance(took);
      return "ok";
    });
  }

  private void fail(Duration took) {
    assertThatThrownBy(() -> payments.execute(() -> {
      ticker.advance(took);
      throw new IOException("payments down");
    })).isInstanceOf(IOException.class);
  }

  private void ignored(Duration took) {
    assertThatThrownBy(() -> payments.execute(() -> {
      ticker.advance(took);
      throw new IllegalArgumentException("bad card number");
    })).isInstanceOf(IllegalArgumentException.class);
  }

  /** A call that waits until the breaker's 50 ms timeout interrupts it. */
  private void timeOut(Duration tookBeforeHanging) {
    assertThatThrownBy(() -> payments.execute(() -> {
      ticker.advance(tookBeforeHanging);
      new CountDownLatch(1).await();
      return "never";
    })).isInstanceOf(CallTimeoutException.class);
  }

  private void assertCalls(double successful, double failed, double ignored, double timeout) {
    assertThat(meters.calls("successful")).as("successful").isEqualTo(successful);
    assertThat(meters.calls("failed")).as("failed").isEqualTo(failed);
    assertThat(meters.calls("ignored")).as("ignored").isEqualTo(ignored);
    assertThat(meters.calls("timeout")).as("timeout").isEqualTo(timeout);
  }

  /**
   * The total is the breaker's mean (whole nanoseconds) times the count, so it may fall short of
   * the true total by less than one nanosecond per call.
   */
  private void assertDuration(long count, long totalMillis) {
    assertThat(meters.duration().count()).as("call.duration count").isEqualTo(count);
    double totalNanos = meters.duration().totalTime(TimeUnit.NANOSECONDS);
    assertThat(totalNanos).as("call.duration total")
        .isLessThanOrEqualTo(totalMillis * 1e6)
        .isGreaterThan(totalMillis * 1e6 - count);
  }
}
