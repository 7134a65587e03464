package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CircuitBreakerRegistryTest {
  private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();

  @Test
  void getOrCreateReturnsTheSameBreakerForAName() {
    CircuitBreaker a = registry.breaker("payments");
    assertThat(registry.breaker("payments")).isSameAs(a);
    assertThat(registry.breaker(CircuitBreakerConfig.builder("payments").build())).isSameAs(a);
    assertThat(a.config().failureThreshold()).isEqualTo(5);
  }

  @Test
  void nameOnlyBreakersUseTheRegistryDefaults() {
    CircuitBreakerRegistry custom = CircuitBreakerRegistry.create(
        CircuitBreakerConfig.builder("template").failureThreshold(9).build());
    CircuitBreaker b = custom.breaker("search");
    assertThat(b.name()).isEqualTo("search");
    assertThat(b.config().failureThreshold()).isEqualTo(9);
  }

  @Test
  void findAllResetAndRemove() {
    CircuitBreaker b = registry.breaker("b");
    registry.breaker("a");
    assertThat(registry.find("b")).containsSame(b);
    assertThat(registry.find("missing")).isEmpty();
    assertThat(registry.all()).extracting(CircuitBreaker::name).containsExactly("a", "b");
    b.forceOpen();
    assertThat(registry.reset("b")).isTrue();
    assertThat(registry.reset("missing")).isFalse();
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    registry.breaker("a").forceOpen();
    b.forceOpen();
    registry.resetAll();
    assertThat(registry.all()).allSatisfy(x -> assertThat(x.state()).isEqualTo(CircuitState.CLOSED));
    assertThat(registry.remove("b")).containsSame(b);
    assertThat(registry.remove("b")).isEmpty();
    assertThat(registry.breaker("b")).isNotSameAs(b);
  }

  @Test
  void allIsAnImmutableSnapshot() {
    registry.breaker("a");
    List<CircuitBreaker> snapshot = registry.all();
    registry.breaker("b");
    assertThat(snapshot).hasSize(1);
    assertThatThrownBy(() -> snapshot.add(registry.breaker("c")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void listenersHearOfAddedAndRemovedBreakers() throws Exception {
    List<RegistryEvent> events = new ArrayList<>();
    AutoCloseable subscription = registry.onEvent(events::add);
    CircuitBreaker b = registry.breaker("late");
    registry.breaker("late"); // existing: no event
    registry.remove("late");
    subscription.close();
    registry.breaker("unheard");
    assertThat(events).containsExactly(new RegistryEvent.Added(b), new RegistryEvent.Removed(b));
  }

  @Test
  void concurrentFirstRequestsCreateExactlyOneBreaker() throws Exception {
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    Set<CircuitBreaker> seen = ConcurrentHashMap.newKeySet();
    List<RegistryEvent> added = new java.util.concurrent.CopyOnWriteArrayList<>();
    registry.onEvent(added::add);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          seen.add(registry.breaker("contended"));
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(1);
    assertThat(added).hasSize(1);
  }

  @Test
  void badNamesAreRejected() {
    assertThatThrownBy(() -> registry.breaker("  ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name must not be blank");
    assertThat(registry.find(null)).isEmpty();
  }
}
