package dev.breakwater.micrometer;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.RegistryEvent;
import dev.breakwater.Subscription;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The meters of every breaker of a {@link CircuitBreakerRegistry} in one meter registry, kept in
 * step with the registry: a breaker added later gets meters, a removed one loses them, a
 * reconfigured one keeps them (it is the same breaker, and its meters read its live state).
 *
 * <p>Subscribing first and then walking the registry under this object's lock means no breaker is
 * missed and none is left with stale meters: an addition or removal racing the walk either
 * happened before the walk's snapshot (which then reflects it) or is announced to {@link
 * #onEvent}, which waits for the walk and then applies it. Additions are idempotent, and a
 * breaker is given meters only while the registry still holds it.
 *
 * <p>Thread-safe.
 */
final class RegistryBinding implements Binding {
  private final CircuitBreakerRegistry registry;
  private final MeterRegistry meterRegistry;
  private final Tags tags;
  private final Map<String, BreakerMeters> bound = new HashMap<>(); // guarded by this
  private boolean closed; // guarded by this
  private Subscription subscription; // set once in bind, before any other thread can see this

  private RegistryBinding(CircuitBreakerRegistry registry, MeterRegistry meterRegistry,
      Tags tags) {
    this.registry = registry;
    this.meterRegistry = meterRegistry;
    this.tags = tags;
  }

  static RegistryBinding bind(CircuitBreakerRegistry registry, Tags tags,
      MeterRegistry meterRegistry) {
    RegistryBinding binding = new RegistryBinding(registry, meterRegistry, tags);
    synchronized (binding) {
      binding.subscription = registry.onEvent(binding::onEvent);
      for (CircuitBreaker breaker : registry.all()) {
        binding.add(breaker);
      }
    }
    return binding;
  }

  private synchronized void onEvent(RegistryEvent event) {
    if (closed) {
      return;
    }
    if (event instanceof RegistryEvent.Added) {
      add(event.breaker());
    } else if (event instanceof RegistryEvent.Removed) {
      remove(event.breaker());
    }
    // Reconfigured: same breaker object, same meters; minimumCalls is read at each reading.
  }

  private void add(CircuitBreaker breaker) {
    if (registry.find(breaker.name()).orElse(null) != breaker) {
      // Removed since the snapshot was taken, possibly by code this thread ran while
      // registering meters (a meter filter or listener); its Removed event found nothing to do.
      return;
    }
    BreakerMeters existing = bound.get(breaker.name());
    if (existing != null) {
      if (existing.breaker() == breaker) {
        return;
      }
      existing.close();
    }
    bound.put(breaker.name(), BreakerMeters.register(breaker, tags, meterRegistry));
  }

  private void remove(CircuitBreaker breaker) {
    BreakerMeters existing = bound.get(breaker.name());
    if (existing != null && existing.breaker() == breaker) {
      bound.remove(breaker.name());
      existing.close();
    }
  }

  @Override
  public void close() {
    List<BreakerMeters> toRemove;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toRemove = new ArrayList<>(bound.values());
      bound.clear();
    }
    subscription.close();
    toRemove.forEach(BreakerMeters::close);
  }
}
