package dev.breakwater.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.testkit.ManualTicker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The binder follows its registry: breakers added, removed and reconfigured after binding. */
class RegistryFollowingTest {
  private final ManualTicker ticker = ManualTicker.create();
  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.create(
      CircuitBreakerConfig.builder("defaults").ticker(ticker).build());
  private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

  @Test
  void breakersThatExistWhenBoundGetMeters() {
    breakers.breaker("payments");
    breakers.breaker("search");
    new CircuitBreakerMetrics(breakers).bindTo(meterRegistry);
    assertThat(Meters.namesIn(meterRegistry)).containsExactly("payments", "search");
    assertThat(new Meters(meterRegistry, "search").count()).isEqualTo(Meters.PER_BREAKER);
  }

  @Test
  void breakerAddedAfterBindingGetsMeters() {
    new CircuitBreakerMetrics(breakers).bindTo(meterRegistry);
    assertThat(meterRegistry.getMeters()).isEmpty();

    CircuitBreaker late = breakers.breaker("late");
    late.call(() -> "ok");

    Meters meters = new Meters(meterRegistry, "late");
    assertThat(meters.count()).isEqualTo(Meters.PER_BREAKER);
    assertThat(meters.calls("successful")).isEqualTo(1.0);
  }

  @Test
  void removedBreakerLosesEveryMeterAndTheOthersKeepTheirs() {
    breakers.breaker("payments");
    breakers.breaker("search");
    new CircuitBreakerMetrics(breakers).bindTo(meterRegistry);

    breakers.remove("payments");

    assertThat(new Meters(meterRegistry, "payments").count()).isZero();
    assertThat(Meters.namesIn(meterRegistry)).containsExactly("search");
    assertThat(meterRegistry.getMeters()).hasSize(Meters.PER_BREAKER);
  }

  @Test
  void breakerCreatedAgainAfterRemovalGetsFreshMeters() {
    CircuitBreaker first = breakers.breaker("payments");
    new CircuitBreakerMetrics(breakers).bindTo(meterRegistry);
    first.call(() -> "ok");
    first.call(() -> "ok");

    breakers.remove("payments");
    CircuitBreaker second = breakers.breaker("payments");
    second.call(() -> "ok");

    Meters meters = new Meters(meterRegistry, "payments");
    assertThat(meters.count()).isEqualTo(Meters.PER_BREAKER);
    assertThat(meters.calls("successful")).as("reads the new breaker").isEqualTo(1.0);
  }

  @Test
  void reconfiguredBreakerKeepsItsMetersAndCountsAndReadsTheNewMinimumCalls() {
    CircuitBreaker payments = breakers.breaker("payments");
    new CircuitBreakerMetrics(breakers).bindTo(meterRegistry);
    payments.call(() -> "ok");
    payments.call(() -> "ok");
    List<Meter> before = metersOf("payments");
    Meters meters = new Meters(meterRegistry, "payments");
    assertThat(meters.failureRate()).as("2 calls < default minimumCalls 10").isNaN();

    breakers.reconfigure(payments.config().toBuilder().minimumCalls(2).build());

    assertThat(metersOf("payments")).containsExactlyInAnyOrderElementsOf(before);
    assertThat(meters.calls("successful")).isEqualTo(2.0);
    assertThat(meters.failureRate()).isEqualTo(0.0);
  }

  @Test
  void closingRemovesEveryMeterAndStopsFollowingTheRegistry() {
    breakers.breaker("payments");
    CircuitBreakerMetrics metrics = new CircuitBreakerMetrics(breakers);
    metrics.bindTo(meterRegistry);

    metrics.close();
    breakers.breaker("late");

    assertThat(meterRegistry.getMeters()).isEmpty();
    assertThatThrownBy(() -> metrics.bindTo(meterRegistry))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    metrics.close(); // closing twice is harmless
  }

  @Test
  void oneBinderPublishesToSeveralMeterRegistriesAndClosingRemovesFromAll() {
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    CircuitBreakerMetrics metrics = new CircuitBreakerMetrics(breakers);
    metrics.bindTo(meterRegistry);
    metrics.bindTo(other);
    breakers.breaker("payments");
    assertThat(Meters.namesIn(meterRegistry)).containsExactly("payments");
    assertThat(Meters.namesIn(other)).containsExactly("payments");

    breakers.remove("payments");
    assertThat(meterRegistry.getMeters()).isEmpty();
    assertThat(other.getMeters()).isEmpty();

    breakers.breaker("search");
    metrics.close();
    assertThat(meterRegistry.getMeters()).isEmpty();
    assertThat(other.getMeters()).isEmpty();
  }

  @Test
  void bindingTwiceToOneMeterRegistryRegistersOnceAndFollowsOnce() {
    breakers.breaker("payments");
    CircuitBreakerMetrics metrics = new CircuitBreakerMetrics(breakers);
    metrics.bindTo(meterRegistry);
    metrics.bindTo(meterRegistry);
    assertThat(meterRegistry.getMeters()).hasSize(Meters.PER_BREAKER);
    breakers.remove("payments");
    assertThat(meterRegistry.getMeters()).isEmpty();
  }

  @Test
  void breakerRemovedWhileBindingWalksTheRegistryGetsNoMeters() {
    breakers.breaker("a");
    breakers.breaker("z");
    AtomicBoolean removed = new AtomicBoolean();
    // Runs on the binding thread in the middle of the walk, after "a" got its first meter and
    // before "z" got any: the walk's snapshot still holds "z".
    meterRegistry.config().onMeterAdded(meter -> {
      if (removed.compareAndSet(false, true)) {
        breakers.remove("z");
        breakers.breaker("m");
      }
    });

    new CircuitBreakerMetrics(breakers).bindTo(meterRegistry);

    assertThat(Meters.namesIn(meterRegistry)).containsExactly("a", "m");
    assertThat(new Meters(meterRegistry, "m").count()).isEqualTo(Meters.PER_BREAKER);
  }

  @Test
  void bindingWhileBreakersComeAndGoLeavesMetersForExactlyThePresentBreakers() throws Exception {
    for (int round = 0; round < 50; round++) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      CircuitBreakerRegistry churning = CircuitBreakerRegistry.create();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger changes = new AtomicInteger();
      Thread churn = new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stop.get()) {
          changes.incrementAndGet();
          String name = "b" + random.nextInt(8);
          if (random.nextBoolean()) {
            churning.breaker(name);
          } else {
            churning.remove(name);
          }
        }
      });
      churn.start();
      awaitChanges(changes, 1_000); // bind while the registry is busy changing
      CircuitBreakerMetrics metrics = new CircuitBreakerMetrics(churning);
      metrics.bindTo(registry);
      awaitChanges(changes, changes.get() + 1_000); // and keep changing it after binding
      stop.set(true);
      churn.join();

      Set<String> present = churning.all().stream().map(CircuitBreaker::name)
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(Meters.namesIn(registry)).as("round %d", round).isEqualTo(present);
      for (String name : present) {
        assertThat(new Meters(registry, name).count()).isEqualTo(Meters.PER_BREAKER);
      }
      metrics.close();
      assertThat(registry.getMeters()).isEmpty();
    }
  }

  private static void awaitChanges(AtomicInteger changes, int atLeast) {
    while (changes.get() < atLeast) {
      Thread.onSpinWait();
    }
  }

  private List<Meter> metersOf(String name) {
    return meterRegistry.getMeters().stream()
        .filter(m -> name.equals(m.getId().getTag("name"))).toList();
  }
}
