package dev.breakwater.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The buffer behind the events endpoint: what it keeps, for breakers present and added later. */
class EventBufferTest {
  private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();

  private CircuitBreaker breaker(String name) {
    return registry.breaker(CircuitBreakerConfig.builder(name).failureThreshold(2)
        .timeout(Duration.ZERO).build());
  }

  private static void fail(CircuitBreaker b) {
    assertThatThrownBy(() -> b.run(() -> {
      throw new IllegalStateException("down");
    })).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void byDefaultItKeepsEverythingButSuccesses() {
    CircuitBreaker present = breaker("present");
    try (EventBuffer buffer = new EventBuffer(registry, 10, false)) {
      CircuitBreaker added = breaker("added");
      for (CircuitBreaker b : new CircuitBreaker[] {present, added}) {
        b.run(() -> { });
        fail(b);
        fail(b); // opens
        assertThatThrownBy(() -> b.run(() -> { })).isInstanceOf(RuntimeException.class); // rejected
        assertThat(buffer.events(b.name())).extracting(r -> r.event().getClass().getSimpleName())
            .containsExactly("Failure", "Failure", "StateChanged", "Rejected");
      }
    }
  }

  @Test
  void withSuccessesItKeepsEveryEventUpToItsSize() {
    CircuitBreaker b = breaker("all");
    try (EventBuffer buffer = new EventBuffer(registry, 3, true)) {
      b.run(() -> { });
      b.run(() -> { });
      fail(b);
      b.run(() -> { });
      assertThat(buffer.events("all")).extracting(r -> r.event().getClass().getSimpleName())
          .containsExactly("Success", "Failure", "Success");
    }
  }

  @Test
  void closingStopsRecording() {
    CircuitBreaker b = breaker("closed");
    EventBuffer buffer = new EventBuffer(registry, 10, false);
    buffer.close();
    fail(b);
    assertThat(buffer.events("closed")).isEmpty();
    assertThat(buffer.events("unknown")).isEmpty();
  }
}
