package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerConfigTest {

  @Test
  void defaultsAreTheGuides() {
    CircuitBreakerConfig c = CircuitBreakerConfig.builder("api").build();
    assertThat(c.name()).isEqualTo("api");
    assertThat(c.failureThreshold()).isEqualTo(5);
    assertThat(c.successThreshold()).isEqualTo(2);
    assertThat(c.halfOpenMaxCalls()).isEqualTo(2);
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.retryDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.monitoringWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.failureRateThreshold()).isEmpty();
    assertThat(c.slowCallRateThreshold()).isEmpty();
    assertThat(c.minimumCalls()).isEqualTo(10);
    assertThat(c.ticker()).isSameAs(Ticker.coarse());
  }

  @Test
  void halfOpenMaxCallsFollowsSuccessThresholdUnlessSet() {
    assertThat(CircuitBreakerConfig.builder("a").successThreshold(4).build().halfOpenMaxCalls()).isEqualTo(4);
    assertThat(CircuitBreakerConfig.builder("a").successThreshold(4).halfOpenMaxCalls(1).build()
        .halfOpenMaxCalls()).isEqualTo(1);
  }

  @Test
  void badValuesNameTheFieldAndTheValue() {
    CircuitBreakerConfig.Builder b = CircuitBreakerConfig.builder("a");
    assertThatThrownBy(() -> b.failureThreshold(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("failureThreshold must be >= 1, was 0");
    assertThatThrownBy(() -> b.successThreshold(-1))
        .hasMessage("successThreshold must be >= 1, was -1");
    assertThatThrownBy(() -> b.halfOpenMaxCalls(0))
        .hasMessage("halfOpenMaxCalls must be >= 1, was 0");
    assertThatThrownBy(() -> b.minimumCalls(0)).hasMessage("minimumCalls must be >= 1, was 0");
    assertThatThrownBy(() -> b.failureRateThreshold(120.0))
        .hasMessage("failureRateThreshold must be in (0, 100], was 120.0");
    assertThatThrownBy(() -> b.failureRateThreshold(0))
        .hasMessage("failureRateThreshold must be in (0, 100], was 0.0");
    assertThatThrownBy(() -> b.slowCallRateThreshold(Double.NaN))
        .hasMessage("slowCallRateThreshold must be in (0, 100], was NaN");
    assertThatThrownBy(() -> b.timeout(Duration.ofSeconds(-1)))
        .hasMessage("timeout must not be negative, was PT-1S");
    assertThatThrownBy(() -> b.retryDelay(null)).hasMessage("retryDelay must not be null");
    assertThatThrownBy(() -> b.retryDelay(Duration.ofDays(400)))
        .hasMessage("retryDelay must be <= PT8760H, was PT9600H");
    assertThatThrownBy(() -> b.monitoringWindow(Duration.ZERO))
        .hasMessage("monitoringWindow must be >= PT0.001S, was PT0S");
    assertThatThrownBy(() -> b.backoffMultiplier(0.5))
        .hasMessage("backoffMultiplier must be >= 1.0, was 0.5");
    assertThatThrownBy(() -> b.retryJitter(1.0)).hasMessage("retryJitter must be in [0, 1), was 1.0");
    assertThatThrownBy(() -> CircuitBreakerConfig.builder(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank, was \" \"");
    assertThatThrownBy(() -> CircuitBreakerConfig.builder(null))
        .hasMessage("name must not be blank, was null");
  }

  @Test
  void badCombinationsFailAtBuild() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder("a").slowCallRateThreshold(50).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("slowCallRateThreshold (50.0) needs a slowCallDuration > 0");
    assertThatThrownBy(() -> CircuitBreakerConfig.builder("a")
            .retryDelay(Duration.ofSeconds(10)).maxRetryDelay(Duration.ofSeconds(5)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maxRetryDelay (PT5S) must be >= retryDelay (PT10S)");
  }

  @Test
  void toBuilderDerivesAnEqualConfigAndVariants() {
    CircuitBreakerConfig base = CircuitBreakerConfig.builder("a").failureThreshold(3)
        .ignore(IOException.class).build();
    assertThat(base.toBuilder().build()).isEqualTo(base).hasSameHashCodeAs(base);
    CircuitBreakerConfig variant = base.toBuilder().timeout(Duration.ZERO).build();
    assertThat(variant).isNotEqualTo(base);
    assertThat(variant.failureThreshold()).isEqualTo(3);
    assertThat(base.differences(variant)).containsExactly("timeout (PT30S vs PT0S)");
  }

  @Test
  void derivedConfigKeepsFollowingSuccessThreshold() {
    CircuitBreakerConfig base = CircuitBreakerConfig.builder("a").build();
    assertThat(base.toBuilder().successThreshold(3).build().halfOpenMaxCalls()).isEqualTo(3);
  }

  @Test
  void toStringShowsTheSettings() {
    assertThat(CircuitBreakerConfig.builder("orders").failureRateThreshold(50).build().toString())
        .contains("name=orders", "failureThreshold=5", "failureRateThreshold=50.0");
  }
}
