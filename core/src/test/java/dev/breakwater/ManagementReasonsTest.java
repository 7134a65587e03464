package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Management from outside the call path: reasons in events, and opening for a given delay. */
class ManagementReasonsTest {
  private final TestTicker ticker = new TestTicker();
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("managed")
      .timeout(Duration.ZERO).ticker(ticker).build());
  private final List<CircuitBreakerEvent.StateChanged> changes = new ArrayList<>();

  {
    breaker.onEvent(e -> {
      if (e instanceof CircuitBreakerEvent.StateChanged c) {
        changes.add(c);
      }
    });
  }

  @Test
  void manualTransitionsCarryTheGivenReason() {
    breaker.forceOpen("fleet override by ops, ttl 10m");
    breaker.disable("load test");
    breaker.reset("fleet override cleared");
    assertThat(changes).extracting(CircuitBreakerEvent.StateChanged::reason).containsExactly(
        "fleet override by ops, ttl 10m", "load test", "fleet override cleared");
  }

  @Test
  void openForOpensNowWithTheGivenDelayBeforeTrials() {
    breaker.openFor(Duration.ofSeconds(42), "open across the fleet at restart");
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    ticker.advance(Duration.ofSeconds(41));
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    assertThatThrownBy(() -> breaker.call(() -> 1)).isInstanceOf(CallNotPermittedException.class);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(breaker.call(() -> 1)).isEqualTo(1);
    assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(changes.get(0).reason()).isEqualTo("open across the fleet at restart");
  }

  @Test
  void openForLeavesAnOperatorsManualStateAlone() {
    breaker.disable();
    breaker.openFor(Duration.ofSeconds(5), "quorum");
    assertThat(breaker.state()).isEqualTo(CircuitState.DISABLED);
  }

  @Test
  void openForRejectsANegativeDelay() {
    assertThatThrownBy(() -> breaker.openFor(Duration.ofSeconds(-1), "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
  }
}
