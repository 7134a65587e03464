package dev.breakwater.spring;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.RegistryEvent;
import dev.breakwater.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last N events of every breaker in the registry, for the {@code circuitbreakerevents}
 * endpoint: one small ring per breaker, written by the thread that records the outcome (a
 * synchronized append of a few fields), read by the endpoint. Breakers added later are followed;
 * removed ones are dropped. Unless told to keep successes, it subscribes to the other kinds of
 * event only, so a successful call builds no event for it. Thread-safe.
 */
final class EventBuffer implements AutoCloseable {
  /** What the buffer keeps without successes: everything a breaker reports but a successful call. */
  private static final List<Class<? extends CircuitBreakerEvent>> NOTABLE = List.of(
      CircuitBreakerEvent.Failure.class, CircuitBreakerEvent.Timeout.class,
      CircuitBreakerEvent.Ignored.class, CircuitBreakerEvent.Rejected.class,
      CircuitBreakerEvent.StateChanged.class, CircuitBreakerEvent.Reset.class);

  private final int size;
  private final boolean includeSuccesses;
  private final Map<String, Ring> rings = new ConcurrentHashMap<>();
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Subscription registrySubscription;

  /**
   * Follows every breaker of {@code registry}, keeping {@code size} events each; with a size of 0
   * it subscribes to nothing. Successful calls are kept only if {@code includeSuccesses}, which
   * makes every call allocate its event.
   */
  EventBuffer(CircuitBreakerRegistry registry, int size, boolean includeSuccesses) {
    if (size < 0) {
      throw new BreakwaterConfigurationException(BreakwaterProperties.PREFIX
          + ".events.buffer-size must be >= 0, was " + size);
    }
    this.size = size;
    this.includeSuccesses = includeSuccesses;
    if (size == 0) {
      registrySubscription = () -> { };
      return;
    }
    registrySubscription = registry.onEvent(this::onRegistryEvent);
    registry.all().forEach(this::follow);
  }

  private void onRegistryEvent(RegistryEvent event) {
    if (event instanceof RegistryEvent.Added added) {
      follow(added.breaker());
    } else if (event instanceof RegistryEvent.Removed removed) {
      Subscription s = subscriptions.remove(removed.breaker().name());
      if (s != null) {
        s.close();
      }
      rings.remove(removed.breaker().name());
    }
  }

  private void follow(CircuitBreaker breaker) {
    Ring ring = new Ring(size);
    if (rings.putIfAbsent(breaker.name(), ring) == null) {
      subscriptions.put(breaker.name(), subscribe(breaker, ring));
    }
  }

  private Subscription subscribe(CircuitBreaker breaker, Ring ring) {
    if (includeSuccesses) {
      return breaker.onEvent(ring::add);
    }
    List<Subscription> each = new ArrayList<>(NOTABLE.size());
    for (Class<? extends CircuitBreakerEvent> kind : NOTABLE) {
      each.add(breaker.onEvent(kind, ring::add));
    }
    return () -> each.forEach(Subscription::close);
  }

  /** The breakers' recent events, oldest first; empty for an unknown breaker. */
  List<Recorded> events(String breaker) {
    Ring ring = rings.get(breaker);
    return ring == null ? List.of() : ring.snapshot();
  }

  /** Names of the breakers followed. */
  List<String> breakers() {
    List<String> names = new ArrayList<>(rings.keySet());
    names.sort(null);
    return names;
  }

  @Override
  public void close() {
    registrySubscription.close();
    subscriptions.values().forEach(Subscription::close);
  }

  /** One event with the time it was recorded. */
  record Recorded(Instant at, CircuitBreakerEvent event) {}

  private static final class Ring {
    private final Recorded[] slots;
    private long written;

    Ring(int size) {
      slots = new Recorded[size];
    }

    synchronized void add(CircuitBreakerEvent event) {
      slots[(int) (written++ % slots.length)] = new Recorded(Instant.now(), event);
    }

    synchronized List<Recorded> snapshot() {
      List<Recorded> out = new ArrayList<>(slots.length);
      long from = Math.max(0, written - slots.length);
      for (long i = from; i < written; i++) {
        out.add(slots[(int) (i % slots.length)]);
      }
      return out;
    }
  }
}
