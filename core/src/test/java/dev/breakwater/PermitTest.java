package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The low-level permit API for clients with their own call shape. */
class PermitTest {
  private final TestTicker ticker = new TestTicker();
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("permits")
      .failureThreshold(2).timeout(Duration.ZERO).ignore(IllegalArgumentException.class)
      .ticker(ticker).build());

  @Test
  void measuresTheCallFromThePermitToItsEnd() {
    Permit p = breaker.tryAcquire().orElseThrow();
    ticker.advanceMillis(40);
    p.onSuccess();
    assertThat(breaker.stats().averageResponseTime()).isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void failuresAreClassifiedLikeExecute() {
    breaker.tryAcquire().orElseThrow().onFailure(new IllegalArgumentException("ignored type"));
    breaker.tryAcquire().orElseThrow().onFailure(new TimeoutException("client's own timeout"));
    CircuitBreakerStats s = breaker.stats();
    assertThat(s.totalIgnored()).isEqualTo(1);
    assertThat(s.totalFailures()).isEqualTo(1);
    assertThat(s.totalTimeouts()).isEqualTo(1);
  }

  @Test
  void aPermitEndsExactlyOnce() {
    Permit p = breaker.tryAcquire().orElseThrow();
    p.onSuccess();
    assertThatThrownBy(p::onSuccess).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already ended");
    assertThatThrownBy(() -> p.onFailure(new Calls.Boom("x"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(p::release).isInstanceOf(IllegalStateException.class);
    assertThat(breaker.stats().totalCalls()).isEqualTo(1);
  }

  @Test
  void aRefusedPermitIsARejection() {
    breaker.forceOpen();
    assertThat(breaker.tryAcquire()).isEmpty();
    assertThat(breaker.stats().totalRejections()).isEqualTo(1);
  }

  @Test
  void releaseCountsAsIgnored() {
    breaker.tryAcquire().orElseThrow().release();
    assertThat(breaker.stats().totalIgnored()).isEqualTo(1);
    assertThat(breaker.stats().failureRate()).isZero();
  }
}
