package dev.breakwater.micrometer;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Publishes circuit breakers to Micrometer: bind it to a {@link MeterRegistry} and every breaker
 * of a {@link CircuitBreakerRegistry}, including breakers created later, appears in Prometheus,
 * Datadog, New Relic or any other Micrometer backend.
 *
 * <pre>{@code
 * CircuitBreakerRegistry breakers = CircuitBreakerRegistry.create();
 * new CircuitBreakerMetrics(breakers)
 *     .withTags(Tags.of("service", "checkout"))
 *     .bindTo(meterRegistry);
 * }</pre>
 *
 * <p>Meters, each tagged {@code name} with the breaker's name and with the binder's
 * {@linkplain #withTags extra tags}:
 * <ul>
 *   <li>{@code breakwater.circuitbreaker.state} (gauge, tag {@code state} = closed, open,
 *       half_open, forced_open, disabled): 1 for the current state, 0 for the others;
 *   <li>{@code breakwater.circuitbreaker.calls} (function counter, tag {@code kind} =
 *       successful, failed, ignored, timeout): completed calls by outcome; {@code failed} leaves
 *       timeouts out, so the four kinds add up to the completed calls;
 *   <li>{@code breakwater.circuitbreaker.not.permitted.calls} (function counter): refused calls;
 *   <li>{@code breakwater.circuitbreaker.failure.rate} and
 *       {@code breakwater.circuitbreaker.slow.call.rate} (gauges, percent): the monitoring
 *       window's rates, NaN while the window holds fewer than {@code minimumCalls} calls;
 *   <li>{@code breakwater.circuitbreaker.window.calls} and
 *       {@code breakwater.circuitbreaker.window.slow.calls} (gauges): calls and slow calls in
 *       the window;
 *   <li>{@code breakwater.circuitbreaker.call.duration} (function timer): count and total time
 *       of successful and failed calls, so its mean is the breaker's mean response time.
 * </ul>
 *
 * <p>Every meter is a function meter that reads {@link CircuitBreaker#stats()} or
 * {@link CircuitBreaker#state()} when the registry publishes or is scraped; binding subscribes to
 * no breaker events, so a call through a breaker does exactly the same work bound or not.
 *
 * <p>A binder may be bound to several meter registries; binding it to the same one again does
 * nothing. {@link #close()} removes every meter it registered. Thread-safe.
 */
public final class CircuitBreakerMetrics implements MeterBinder, AutoCloseable {
  private static final Set<String> RESERVED_KEYS =
      Set.of(MeterNames.TAG_NAME, MeterNames.TAG_STATE, MeterNames.TAG_KIND);

  private final BiFunction<Tags, MeterRegistry, Binding> source;
  private final Tags tags;
  private final Map<MeterRegistry, Binding> bindings = new IdentityHashMap<>(); // guarded by this
  private boolean closed; // guarded by this

  /**
   * Creates a binder for every breaker of {@code registry}: those it holds when bound, and those
   * added later. Removed breakers lose their meters; reconfigured ones keep them.
   *
   * @param registry the breakers to publish
   * @throws NullPointerException if {@code registry} is null
   */
  public CircuitBreakerMetrics(CircuitBreakerRegistry registry) {
    this(forRegistry(Objects.requireNonNull(registry, "registry")), Tags.empty());
  }

  private CircuitBreakerMetrics(BiFunction<Tags, MeterRegistry, Binding> source, Tags tags) {
    this.source = source;
    this.tags = tags;
  }

  /**
   * Creates a binder for one breaker, for breakers made with {@link CircuitBreaker#of} rather
   * than taken from a registry.
   *
   * <pre>{@code
   * CircuitBreaker inventory =
   *     CircuitBreaker.of(CircuitBreakerConfig.builder("inventory").build());
   * CircuitBreakerMetrics.of(inventory).bindTo(meterRegistry);
   * }</pre>
   *
   * @param breaker the breaker to publish
   * @return a new, unbound binder
   * @throws NullPointerException if {@code breaker} is null
   */
  public static CircuitBreakerMetrics of(CircuitBreaker breaker) {
    Objects.requireNonNull(breaker, "breaker");
    return new CircuitBreakerMetrics(
        (tags, meterRegistry) -> BreakerMeters.register(breaker, tags, meterRegistry),
        Tags.empty());
  }

  /**
   * Returns a binder for the same breakers whose meters also carry {@code extraTags} (for
   * example {@code service}), added to this binder's own extra tags; a key given again replaces
   * the earlier value. This binder and its bindings are not changed.
   *
   * @param extraTags the tags to add to every meter
   * @return a new, unbound binder
   * @throws NullPointerException if {@code extraTags} or one of its tags is null
   * @throws IllegalArgumentException if a key is {@code name}, {@code state} or {@code kind},
   *     which the meters set themselves
   */
  public CircuitBreakerMetrics withTags(Iterable<Tag> extraTags) {
    Objects.requireNonNull(extraTags, "extraTags");
    List<Tag> added = new ArrayList<>();
    for (Tag tag : extraTags) {
      Objects.requireNonNull(tag, "extraTags must not contain null");
      if (RESERVED_KEYS.contains(tag.getKey())) {
        throw new IllegalArgumentException("tag key '" + tag.getKey()
            + "' is reserved: the meters set it themselves; reserved keys are " + RESERVED_KEYS);
      }
      added.add(tag);
    }
    return new CircuitBreakerMetrics(source, tags.and(added));
  }

  /**
   * Registers the meters in {@code meterRegistry}; doing it again for the same registry does
   * nothing. If another binder already registered meters for a breaker of the same name with the
   * same tags, Micrometer hands back that binder's meters: they keep reading its breaker, stay
   * its own (closing this binder leaves them), and a warning suggests a distinguishing tag with
   * {@link #withTags}.
   *
   * @param meterRegistry the registry to publish to
   * @throws NullPointerException if {@code meterRegistry} is null
   * @throws IllegalStateException if this binder has been closed
   */
  @Override
  public synchronized void bindTo(MeterRegistry meterRegistry) {
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    if (closed) {
      throw new IllegalStateException("this CircuitBreakerMetrics is closed; create a new one");
    }
    bindings.computeIfAbsent(meterRegistry, r -> source.apply(tags, r));
  }

  /**
   * Removes every meter this binder registered, from every meter registry, and stops following
   * the breaker registry. Closing twice does nothing.
   */
  @Override
  public void close() {
    List<Binding> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(bindings.values());
      bindings.clear();
    }
    toClose.forEach(Binding::close);
  }

  @Override
  public String toString() {
    return "CircuitBreakerMetrics" + tags;
  }

  private static BiFunction<Tags, MeterRegistry, Binding> forRegistry(
      CircuitBreakerRegistry registry) {
    return (tags, meterRegistry) -> RegistryBinding.bind(registry, tags, meterRegistry);
  }
}
