package dev.breakwater.micrometer;

import static dev.breakwater.micrometer.MeterNames.KIND_FAILED;
import static dev.breakwater.micrometer.MeterNames.KIND_IGNORED;
import static dev.breakwater.micrometer.MeterNames.KIND_SUCCESSFUL;
import static dev.breakwater.micrometer.MeterNames.KIND_TIMEOUT;
import static dev.breakwater.micrometer.MeterNames.TAG_KIND;
import static dev.breakwater.micrometer.MeterNames.TAG_NAME;
import static dev.breakwater.micrometer.MeterNames.TAG_STATE;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one breaker in one meter registry: function meters over a
 * {@link BreakerReadings}. Micrometer's function meters hold their object only weakly, so a
 * binder discarded after {@code bindTo} (the usual one-liner) would leave meters reading zero or
 * NaN once collected; each meter's function therefore captures the readings, and the meter
 * registry keeps them, and the breaker, reachable for exactly as long as the meters are
 * registered.
 *
 * <p>Thread-safe.
 */
final class BreakerMeters implements Binding {
  private static final System.Logger LOG = System.getLogger(CircuitBreakerMetrics.class.getName());

  private final BreakerReadings readings;
  private final MeterRegistry registry;
  private final List<Meter> meters;

  private BreakerMeters(BreakerReadings readings, MeterRegistry registry, List<Meter> meters) {
    this.readings = readings;
    this.registry = registry;
    this.meters = meters;
  }

  /**
   * Registers the breaker's meters, tagged with {@code tags} and its name. Meters another binder
   * registered already under the same ids (the same breaker name and tags) stay that binder's:
   * they are neither kept nor ever removed by this one, and a warning says how to tell the two
   * apart.
   */
  static BreakerMeters register(CircuitBreaker breaker, Tags tags, MeterRegistry registry) {
    BreakerReadings readings = new BreakerReadings(breaker);
    Tags named = tags.and(TAG_NAME, breaker.name());
    List<Meter> meters = new ArrayList<>();
    for (CircuitState state : CircuitState.values()) {
      meters.add(Gauge.builder(MeterNames.STATE, readings, strong(readings, r -> r.isIn(state)))
          .tags(named).tag(TAG_STATE, state.name().toLowerCase(Locale.ROOT))
          .description("1 if the circuit breaker is in this state, 0 otherwise")
          .register(registry));
    }
    meters.add(calls(readings, KIND_SUCCESSFUL, BreakerReadings::successful, named, registry));
    meters.add(calls(readings, KIND_FAILED, BreakerReadings::failed, named, registry));
    meters.add(calls(readings, KIND_IGNORED, BreakerReadings::ignored, named, registry));
    meters.add(calls(readings, KIND_TIMEOUT, BreakerReadings::timeouts, named, registry));
    meters.add(FunctionCounter.builder(MeterNames.NOT_PERMITTED_CALLS, readings,
            strong(readings, BreakerReadings::notPermitted))
        .tags(named)
        .description("Calls the circuit breaker refused")
        .register(registry));
    meters.add(gauge(readings, MeterNames.FAILURE_RATE, BreakerReadings::failureRate)
        .tags(named).baseUnit(BaseUnits.PERCENT)
        .description("Failure rate in the monitoring window; NaN below minimumCalls calls")
        .register(registry));
    meters.add(gauge(readings, MeterNames.SLOW_CALL_RATE, BreakerReadings::slowCallRate)
        .tags(named).baseUnit(BaseUnits.PERCENT)
        .description("Slow-call rate in the monitoring window; NaN below minimumCalls calls")
        .register(registry));
    meters.add(gauge(readings, MeterNames.WINDOW_CALLS, BreakerReadings::windowCalls)
        .tags(named)
        .description("Successful and failed calls in the monitoring window")
        .register(registry));
    meters.add(gauge(readings, MeterNames.WINDOW_SLOW_CALLS, BreakerReadings::windowSlowCalls)
        .tags(named)
        .description("Slow calls in the monitoring window")
        .register(registry));
    meters.add(FunctionTimer.builder(MeterNames.CALL_DURATION, readings,
            weaklyHeld -> readings.completedCalls(),
            strong(readings, BreakerReadings::totalDurationNanos), TimeUnit.NANOSECONDS)
        .tags(named)
        .description("Duration of successful and failed calls")
        .register(registry));
    List<Meter> owned = new ArrayList<>();
    for (Meter meter : meters) {
      if (MeterOwnership.claim(registry, meter)) {
        owned.add(meter);
      }
    }
    if (owned.size() < meters.size()) {
      LOG.log(Level.WARNING, () -> "meters for circuit breaker '" + breaker.name() + "' with tags "
          + named + " are already registered by another binder, which keeps them; add a "
          + "distinguishing tag with CircuitBreakerMetrics.withTags to publish this breaker too");
    }
    return new BreakerMeters(readings, registry, List.copyOf(owned));
  }

  private static Gauge.Builder<BreakerReadings> gauge(BreakerReadings readings, String name,
      ToDoubleFunction<BreakerReadings> read) {
    return Gauge.builder(name, readings, strong(readings, read));
  }

  private static Meter calls(BreakerReadings readings, String kind,
      ToDoubleFunction<BreakerReadings> count, Tags named, MeterRegistry registry) {
    return FunctionCounter.builder(MeterNames.CALLS, readings, strong(readings, count))
        .tags(named).tag(TAG_KIND, kind)
        .description("Completed calls by outcome; failed excludes timeouts")
        .register(registry);
  }

  /** Returns {@code read} bound to {@code readings}, which it keeps strongly reachable. */
  private static ToDoubleFunction<BreakerReadings> strong(BreakerReadings readings,
      ToDoubleFunction<BreakerReadings> read) {
    return weaklyHeld -> read.applyAsDouble(readings);
  }

  /** The breaker these meters read. */
  CircuitBreaker breaker() {
    return readings.breaker();
  }

  @Override
  public void close() {
    for (Meter meter : meters) {
      registry.remove(meter);
      MeterOwnership.release(registry, meter);
    }
  }
}
