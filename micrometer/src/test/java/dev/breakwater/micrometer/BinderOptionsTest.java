package dev.breakwater.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Extra tags, single breakers, several binders in one meter registry, and naming conventions. */
class BinderOptionsTest {
  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.create();
  private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

  @Test
  void extraTagsAreOnEveryMeter() {
    breakers.breaker("payments");
    new CircuitBreakerMetrics(breakers)
        .withTags(Tags.of("service", "checkout"))
        .withTags(Tags.of("region", "eu"))
        .bindTo(meterRegistry);
    assertThat(meterRegistry.getMeters()).hasSize(Meters.PER_BREAKER).allSatisfy(meter -> {
      assertThat(meter.getId().getTag("service")).isEqualTo("checkout");
      assertThat(meter.getId().getTag("region")).isEqualTo("eu");
      assertThat(meter.getId().getTag("name")).isEqualTo("payments");
    });
  }

  @Test
  void withTagsLeavesTheOriginalBinderUntagged() {
    breakers.breaker("payments");
    CircuitBreakerMetrics plain = new CircuitBreakerMetrics(breakers);
    plain.withTags(Tags.of("service", "checkout"));
    plain.bindTo(meterRegistry);
    assertThat(meterRegistry.getMeters())
        .allSatisfy(meter -> assertThat(meter.getId().getTag("service")).isNull());
  }

  @Test
  void tagKeysTheMetersSetThemselvesAreRejected() {
    CircuitBreakerMetrics metrics = new CircuitBreakerMetrics(breakers);
    for (String key : new String[] {"name", "state", "kind"}) {
      assertThatThrownBy(() -> metrics.withTags(Tags.of(key, "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tag key '" + key + "' is reserved");
    }
    assertThatThrownBy(() -> metrics.withTags(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> metrics.withTags(java.util.Arrays.asList((Tag) null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void singleBreakerBinderPublishesThatBreakerOnly() {
    breakers.breaker("in-registry");
    CircuitBreaker inventory = CircuitBreaker.of(CircuitBreakerConfig.builder("inventory").build());
    CircuitBreakerMetrics metrics = CircuitBreakerMetrics.of(inventory);
    metrics.bindTo(meterRegistry);
    inventory.call(() -> "ok");

    assertThat(Meters.namesIn(meterRegistry)).containsExactly("inventory");
    assertThat(new Meters(meterRegistry, "inventory").calls("successful")).isEqualTo(1.0);
    metrics.close();
    assertThat(meterRegistry.getMeters()).isEmpty();
  }

  @Test
  void metersKeepReadingTheBreakerAfterTheBinderIsDiscarded() {
    CircuitBreaker inventory = CircuitBreaker.of(CircuitBreakerConfig.builder("inventory").build());
    CircuitBreakerMetrics.of(inventory).bindTo(meterRegistry); // the binder is not kept
    inventory.call(() -> "ok");
    // Micrometer's function meters hold their object weakly; collecting must not turn them NaN.
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    Meters meters = new Meters(meterRegistry, "inventory");
    assertThat(meters.calls("successful")).isEqualTo(1.0);
    assertThat(meters.state()).isEqualTo("closed");
    assertThat(meters.duration().count()).isEqualTo(1.0);
  }

  @Test
  void sameBreakerNameFromTwoRegistriesIsPublishedTwiceWhenTagsTellThemApart() {
    CircuitBreakerRegistry other = CircuitBreakerRegistry.create();
    breakers.breaker("payments").call(() -> "ok");
    other.breaker("payments");
    new CircuitBreakerMetrics(breakers).withTags(Tags.of("pool", "a")).bindTo(meterRegistry);
    new CircuitBreakerMetrics(other).withTags(Tags.of("pool", "b")).bindTo(meterRegistry);

    assertThat(meterRegistry.getMeters()).hasSize(2 * Meters.PER_BREAKER);
    assertThat(meterRegistry.get("breakwater.circuitbreaker.calls").tags("pool", "a", "kind",
        "successful").functionCounter().count()).isEqualTo(1.0);
    assertThat(meterRegistry.get("breakwater.circuitbreaker.calls").tags("pool", "b", "kind",
        "successful").functionCounter().count()).isZero();
  }

  @Test
  void secondBinderOfTheSameNameAndTagsCannotTakeAwayTheFirstOnesMeters() {
    CircuitBreakerRegistry other = CircuitBreakerRegistry.create();
    breakers.breaker("payments").call(() -> "ok");
    other.breaker("payments");
    new CircuitBreakerMetrics(breakers).bindTo(meterRegistry);
    CircuitBreakerMetrics second = new CircuitBreakerMetrics(other);
    second.bindTo(meterRegistry);

    second.close();
    other.remove("payments");

    Meters meters = new Meters(meterRegistry, "payments");
    assertThat(meters.count()).isEqualTo(Meters.PER_BREAKER);
    assertThat(meters.calls("successful")).as("still the first registry's breaker").isEqualTo(1.0);
  }

  @Test
  void differentTagKeysAreNotMistakenForTheSameMeters() {
    CircuitBreakerRegistry other = CircuitBreakerRegistry.create();
    breakers.breaker("payments");
    other.breaker("payments").call(() -> "ok");
    new CircuitBreakerMetrics(breakers).withTags(Tags.of("service", "checkout"))
        .bindTo(meterRegistry);
    new CircuitBreakerMetrics(other).bindTo(meterRegistry);

    assertThat(meterRegistry.getMeters()).hasSize(2 * Meters.PER_BREAKER);
    assertThat(meterRegistry.find("breakwater.circuitbreaker.calls").tag("kind", "successful")
        .functionCounters()).extracting(c -> c.count()).containsExactlyInAnyOrder(0.0, 1.0);
  }

  @Test
  void sharedIdsAreRecognisedThroughTheRegistrysCommonTags() {
    meterRegistry.config().commonTags("application", "shop");
    CircuitBreakerRegistry other = CircuitBreakerRegistry.create();
    breakers.breaker("payments").call(() -> "ok");
    other.breaker("payments");
    new CircuitBreakerMetrics(breakers).bindTo(meterRegistry);
    CircuitBreakerMetrics second = new CircuitBreakerMetrics(other);
    second.bindTo(meterRegistry);

    second.close();

    Meters meters = new Meters(meterRegistry, "payments");
    assertThat(meters.count()).isEqualTo(Meters.PER_BREAKER);
    assertThat(meters.calls("successful")).isEqualTo(1.0);
  }

  @Test
  void metersFollowMicrometerConventions() {
    breakers.breaker("payments");
    new CircuitBreakerMetrics(breakers).bindTo(meterRegistry);
    Map<String, String> typeAndUnit = new TreeMap<>();
    for (Meter meter : meterRegistry.getMeters()) {
      typeAndUnit.put(meter.getId().getName(),
          meter.getId().getType() + " " + meter.getId().getBaseUnit());
      assertThat(meter.getId().getDescription()).isNotBlank();
    }
    assertThat(typeAndUnit).containsExactly(
        Map.entry("breakwater.circuitbreaker.call.duration", "TIMER seconds"),
        Map.entry("breakwater.circuitbreaker.calls", "COUNTER null"),
        Map.entry("breakwater.circuitbreaker.failure.rate", "GAUGE percent"),
        Map.entry("breakwater.circuitbreaker.not.permitted.calls", "COUNTER null"),
        Map.entry("breakwater.circuitbreaker.slow.call.rate", "GAUGE percent"),
        Map.entry("breakwater.circuitbreaker.state", "GAUGE null"),
        Map.entry("breakwater.circuitbreaker.window.calls", "GAUGE null"),
        Map.entry("breakwater.circuitbreaker.window.slow.calls", "GAUGE null"));
  }
}
