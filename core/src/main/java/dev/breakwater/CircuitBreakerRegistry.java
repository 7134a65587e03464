package dev.breakwater;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Named circuit breakers, created on first use and shared afterwards (the design guide's
 * factory). Asking again for a name returns the same breaker; asking for it with a different
 * configuration is an error rather than a silent surprise. Reporters subscribe with
 * {@link #onEvent} to learn of breakers added and removed later.
 *
 * <pre>{@code
 * CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
 * CircuitBreaker payments = registry.breaker("payments");
 * CircuitBreaker search = registry.breaker(
 *     CircuitBreakerConfig.builder("search").failureThreshold(10).build());
 * }</pre>
 *
 * <p>Thread-safe; concurrent first requests for one name create exactly one breaker.
 */
public final class CircuitBreakerRegistry {
  private final CircuitBreakerConfig defaults;
  private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final ListenerList<RegistryEvent> listeners = new ListenerList<>();
  // Adding or removing a breaker and announcing it happen under this lock, so listeners hear of
  // changes in the order they happened (never "removed" before "added").
  private final Object changes = new Object();

  private CircuitBreakerRegistry(CircuitBreakerConfig defaults) {
    this.defaults = defaults;
  }

  /**
   * Creates an empty registry whose breakers use the default configuration.
   *
   * @return a new, empty registry
   */
  public static CircuitBreakerRegistry create() {
    return new CircuitBreakerRegistry(CircuitBreakerConfig.builder("default").build());
  }

  /**
   * Creates an empty registry whose name-only breakers use {@code defaults} (its name is not
   * used).
   *
   * @param defaults the configuration for breakers requested by name only
   * @return a new, empty registry
   * @throws NullPointerException if {@code defaults} is null
   */
  public static CircuitBreakerRegistry create(CircuitBreakerConfig defaults) {
    return new CircuitBreakerRegistry(Objects.requireNonNull(defaults, "defaults"));
  }

  /**
   * Returns the breaker with this name, creating it with the registry's defaults if there is none.
   * An existing breaker is returned whatever its configuration.
   *
   * @param name the breaker's name
   * @return the existing or new breaker
   * @throws IllegalArgumentException if {@code name} is null or blank
   */
  public CircuitBreaker breaker(String name) {
    CircuitBreaker existing = name == null ? null : breakers.get(name);
    if (existing != null) {
      return existing;
    }
    return getOrCreate(defaults.toBuilder().name(name).build());
  }

  /**
   * Returns the breaker named by {@code config}, creating it with {@code config} if there is
   * none.
   *
   * @param config the configuration, which also names the breaker
   * @return the existing or new breaker
   * @throws IllegalArgumentException if a breaker of that name exists with a different
   *     configuration; the message names the fields that differ
   * @throws NullPointerException if {@code config} is null
   */
  public CircuitBreaker breaker(CircuitBreakerConfig config) {
    Objects.requireNonNull(config, "config");
    CircuitBreaker breaker = getOrCreate(config);
    List<String> differences = breaker.config().differences(config);
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("CircuitBreaker '" + config.name()
          + "' already exists with a different config; differing fields (existing vs requested): "
          + String.join(", ", differences));
    }
    return breaker;
  }

  private CircuitBreaker getOrCreate(CircuitBreakerConfig config) {
    CircuitBreaker existing = breakers.get(config.name());
    if (existing != null) {
      return existing;
    }
    synchronized (changes) {
      CircuitBreaker[] created = new CircuitBreaker[1];
      CircuitBreaker breaker = breakers.computeIfAbsent(config.name(), n -> {
        created[0] = new DefaultCircuitBreaker(config);
        return created[0];
      });
      if (created[0] != null && !listeners.isEmpty()) {
        listeners.emit(new RegistryEvent.Added(breaker));
      }
      return breaker;
    }
  }

  /**
   * Replaces the configuration of the breaker named by {@code config}, keeping its state, its
   * counters, its window and its listeners, and announces it with a
   * {@link RegistryEvent.Reconfigured} event. Thresholds, delays, the timeout, the
   * {@code recordFailure}/{@code recordResult}/{@code ignore} classification and
   * {@code maxHalfOpenWait} apply from the next call; a new {@code monitoringWindow} or
   * {@code slowCallDuration} tracking applies to the window that starts the next time the circuit
   * closes or is reset. The ticker cannot change. Replacing a config with an equal one does
   * nothing and announces nothing.
   *
   * <pre>{@code
   * CircuitBreaker payments = registry.breaker("payments");
   * registry.reconfigure(payments.config().toBuilder().failureThreshold(10).build());
   * }</pre>
   *
   * @param config the new configuration, which also names the breaker
   * @return the reconfigured breaker
   * @throws java.util.NoSuchElementException if the registry has no breaker of that name
   * @throws IllegalArgumentException if {@code config} has a different ticker
   * @throws NullPointerException if {@code config} is null
   */
  public CircuitBreaker reconfigure(CircuitBreakerConfig config) {
    Objects.requireNonNull(config, "config");
    synchronized (changes) {
      CircuitBreaker breaker = breakers.get(config.name());
      if (breaker == null) {
        throw new java.util.NoSuchElementException("no CircuitBreaker '" + config.name()
            + "' in this registry; create it with breaker(config)");
      }
      CircuitBreakerConfig previous = breaker.config();
      if (previous.equals(config)) {
        return breaker;
      }
      ((DefaultCircuitBreaker) breaker).reconfigure(config);
      if (!listeners.isEmpty()) {
        listeners.emit(new RegistryEvent.Reconfigured(breaker, previous, config));
      }
      return breaker;
    }
  }

  /**
   * Returns the breaker with this name, if there is one.
   *
   * @param name the breaker's name
   * @return the breaker, or empty if there is none
   */
  public Optional<CircuitBreaker> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(breakers.get(name));
  }

  /**
   * Returns an immutable snapshot of every breaker, ordered by name.
   *
   * @return the breakers, ordered by name
   */
  public List<CircuitBreaker> all() {
    return breakers.values().stream()
        .sorted(Comparator.comparing(CircuitBreaker::name))
        .toList();
  }

  /**
   * Resets the breaker with this name, if there is one.
   *
   * @param name the breaker's name
   * @return whether a breaker was reset
   */
  public boolean reset(String name) {
    Optional<CircuitBreaker> breaker = find(name);
    breaker.ifPresent(CircuitBreaker::reset);
    return breaker.isPresent();
  }

  /** Resets every breaker. */
  public void resetAll() {
    breakers.values().forEach(CircuitBreaker::reset);
  }

  /**
   * Removes the breaker with this name. It keeps working for whoever holds it, but the registry
   * (and its reporters) no longer know it; a later request for the name creates a new one.
   *
   * @param name the breaker's name
   * @return the removed breaker, if there was one
   */
  public Optional<CircuitBreaker> remove(String name) {
    if (name == null) {
      return Optional.empty();
    }
    synchronized (changes) {
      CircuitBreaker removed = breakers.remove(name);
      if (removed != null && !listeners.isEmpty()) {
        listeners.emit(new RegistryEvent.Removed(removed));
      }
      return Optional.ofNullable(removed);
    }
  }

  /**
   * Returns the configuration name-only breakers are created with.
   *
   * @return the default configuration
   */
  public CircuitBreakerConfig defaults() {
    return defaults;
  }

  /**
   * Subscribes a listener to breakers being added, reconfigured and removed. It is called on the thread that
   * added or removed the breaker, in the order the changes happened (other threads adding or
   * removing wait meanwhile, so keep it quick); a listener that throws is logged and ignored. To cover breakers
   * that already exist, subscribe first, then walk {@link #all()}.
   *
   * @param listener receives every addition and removal from now on
   * @return a subscription whose {@code close()} unsubscribes the listener
   * @throws NullPointerException if {@code listener} is null
   */
  public Subscription onEvent(Consumer<? super RegistryEvent> listener) {
    return listeners.add(listener);
  }

  @Override
  public String toString() {
    return "CircuitBreakerRegistry" + breakers.keySet();
  }
}
