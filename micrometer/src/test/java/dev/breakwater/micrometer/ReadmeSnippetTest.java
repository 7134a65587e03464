package dev.breakwater.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The usage snippets of the README section and the javadoc, compiled and run. */
class ReadmeSnippetTest {

  /** The body of {@code MicrometerQuickStart.main} in the README section, with assertions. */
  @Test
  void readmeSnippet() {
    MeterRegistry meterRegistry = new SimpleMeterRegistry(); // or Prometheus, Datadog, New Relic...
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.create();
    new CircuitBreakerMetrics(breakers)
        .withTags(Tags.of("service", "checkout"))
        .bindTo(meterRegistry);

    CircuitBreaker payments = breakers.breaker("payments"); // created after binding: gets meters
    String receipt = payments.call(() -> "charged");
    double successful = meterRegistry.get("breakwater.circuitbreaker.calls")
        .tags("name", "payments", "kind", "successful").functionCounter().count();

    assertThat(receipt).isEqualTo("charged");
    assertThat(successful).isEqualTo(1.0);
    assertThat(meterRegistry.get("breakwater.circuitbreaker.state")
        .tags("name", "payments", "state", "closed", "service", "checkout").gauge().value())
        .isEqualTo(1.0);
  }

  @Test
  void singleBreakerJavadocSnippet() {
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    CircuitBreaker inventory =
        CircuitBreaker.of(CircuitBreakerConfig.builder("inventory").build());
    CircuitBreakerMetrics.of(inventory).bindTo(meterRegistry);
    assertThat(new Meters(meterRegistry, "inventory").state()).isEqualTo("closed");
  }
}
