package dev.breakwater;

import static dev.breakwater.Calls.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Replacing a named breaker's configuration at runtime. */
class ReconfigureTest {
  private final TestTicker ticker = new TestTicker();
  private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.create(
      CircuitBreakerConfig.builder("defaults").timeout(Duration.ZERO).ticker(ticker).build());

  @Test
  void aReconfiguredBreakerKeepsItsStateCountersAndListenersAndAnnouncesTheChange() {
    List<RegistryEvent> registryEvents = new ArrayList<>();
    registry.onEvent(registryEvents::add);
    CircuitBreaker b = registry.breaker("payments");
    List<CircuitBreakerEvent> events = new ArrayList<>();
    b.onEvent(events::add);
    fail(b);
    fail(b);
    CircuitBreakerConfig previous = b.config();
    CircuitBreakerConfig lower = previous.toBuilder().failureThreshold(3).build();
    assertThat(registry.reconfigure(lower)).isSameAs(b);
    assertThat(b.config()).isEqualTo(lower);
    assertThat(b.stats().totalFailures()).isEqualTo(2);
    fail(b); // third consecutive failure: opens under the new threshold
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    assertThat(events).anyMatch(e -> e instanceof CircuitBreakerEvent.StateChanged);
    assertThat(registryEvents).containsExactly(new RegistryEvent.Added(b),
        new RegistryEvent.Reconfigured(b, previous, lower));
  }

  @Test
  void aNewRetryDelayAppliesToTheNextOpening() {
    CircuitBreaker b = registry.breaker("search");
    registry.reconfigure(b.config().toBuilder().failureThreshold(1)
        .retryDelay(Duration.ofSeconds(30)).build());
    fail(b);
    ticker.advance(Duration.ofSeconds(29));
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
  }

  @Test
  void anEqualConfigChangesNothingAndAnnouncesNothing() {
    CircuitBreaker b = registry.breaker("same");
    List<RegistryEvent> events = new ArrayList<>();
    registry.onEvent(events::add);
    registry.reconfigure(b.config().toBuilder().build());
    assertThat(events).isEmpty();
  }

  @Test
  void unknownNamesAndOtherTickersAreRejectedWithClearMessages() {
    assertThatThrownBy(() -> registry.reconfigure(CircuitBreakerConfig.builder("nobody").build()))
        .isInstanceOf(NoSuchElementException.class).hasMessageContaining("'nobody'");
    CircuitBreaker b = registry.breaker("ticking");
    assertThatThrownBy(() -> registry.reconfigure(b.config().toBuilder()
        .ticker(Ticker.system()).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticker");
    assertThat(b.config().ticker()).isSameAs(ticker);
  }
}
