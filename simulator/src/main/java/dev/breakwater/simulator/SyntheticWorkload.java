package dev.breakwater.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a synthetic {@link Workload} phase by phase, from {@link Workload#synthetic(long)}. The
 * traffic settings ({@link #callsPerSecond}, {@link #latency}, {@link #poissonArrivals}) apply to
 * the phases added after them, so a workload reads top to bottom:
 *
 * <pre>{@code
 * Workload workload = Workload.synthetic(42)
 *     .callsPerSecond(10)
 *     .latency(Duration.ofMillis(10), Duration.ofMillis(10))
 *     .healthy("warm", Duration.ofSeconds(10), 0.0)
 *     .fault("outage", Duration.ofSeconds(10), 1.0)
 *     .healthy("recovered", Duration.ofSeconds(20), 0.0)
 *     .build();
 * }</pre>
 *
 * <p>Defaults: 100 calls per second, evenly spaced (the first at the phase's start), latency with a
 * median of 20 ms and a p99 of 200 ms. Not thread-safe.
 */
public final class SyntheticWorkload {
  private static final double MAX_RATE = 1_000_000;

  private final long seed;
  private final List<PhaseSpec> phases = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private double callsPerSecond = 100;
  private boolean poisson;
  private LogNormal latency = LogNormal.of(Duration.ofMillis(20), Duration.ofMillis(200));
  private String description;

  SyntheticWorkload(long seed) {
    this.seed = seed;
  }

  /**
   * Sets the call rate of the phases added from now on.
   *
   * @param callsPerSecond calls per second, in (0, 1,000,000]
   * @return this builder
   * @throws IllegalArgumentException if the rate is out of range
   */
  public SyntheticWorkload callsPerSecond(double callsPerSecond) {
    if (!(callsPerSecond > 0 && callsPerSecond <= MAX_RATE)) {
      throw new IllegalArgumentException("callsPerSecond must be in (0, 1000000], was " + callsPerSecond);
    }
    this.callsPerSecond = callsPerSecond;
    return this;
  }

  /**
   * Sets the latency of the phases added from now on: log-normal with this median and 99th
   * percentile; equal values give every call exactly that latency.
   *
   * @param median the median latency, not negative
   * @param p99 the 99th percentile, not below the median
   * @return this builder
   * @throws IllegalArgumentException if the median is negative or the p99 below it
   * @throws NullPointerException if an argument is null
   */
  public SyntheticWorkload latency(Duration median, Duration p99) {
    this.latency = LogNormal.of(Objects.requireNonNull(median, "median"), Objects.requireNonNull(p99, "p99"));
    return this;
  }

  /**
   * Chooses how the phases added from now on space their calls: Poisson arrivals (random gaps
   * with the set mean rate) or evenly spaced ones (the default).
   *
   * @param poisson true for Poisson arrivals, false for evenly spaced ones
   * @return this builder
   */
  public SyntheticWorkload poissonArrivals(boolean poisson) {
    this.poisson = poisson;
    return this;
  }

  /**
   * Sets the description shown in reports (default: "synthetic, seed N").
   *
   * @param description what the workload represents
   * @return this builder
   * @throws NullPointerException if {@code description} is null
   */
  public SyntheticWorkload description(String description) {
    this.description = Objects.requireNonNull(description, "description");
    return this;
  }

  /**
   * Adds a phase in which the dependency is healthy, apart from random failures.
   *
   * @param name the phase's name, unique in the workload
   * @param length how long the phase lasts
   * @param errorProbability the probability that a call fails, in [0, 1]
   * @return this builder
   * @throws IllegalArgumentException if the name is blank or taken, the length not positive, or
   *     the probability out of range
   * @throws NullPointerException if an argument is null
   */
  public SyntheticWorkload healthy(String name, Duration length, double errorProbability) {
    return add(name, length, errorProbability, false);
  }

  /**
   * Adds a phase in which the dependency is failing: the figures report detection and recovery
   * delays for it.
   *
   * @param name the phase's name, unique in the workload
   * @param length how long the phase lasts
   * @param errorProbability the probability that a call fails, in [0, 1]
   * @return this builder
   * @throws IllegalArgumentException if the name is blank or taken, the length not positive, or
   *     the probability out of range
   * @throws NullPointerException if an argument is null
   */
  public SyntheticWorkload fault(String name, Duration length, double errorProbability) {
    return add(name, length, errorProbability, true);
  }

  private SyntheticWorkload add(String name, Duration length, double errorProbability, boolean fault) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(length, "length");
    if (name.isBlank() || !names.add(name)) {
      throw new IllegalArgumentException("phase names must be unique and not blank, was '" + name + "'");
    }
    if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("phase '" + name + "': length must be in (0, 365 days], was " + length);
    }
    if (!(errorProbability >= 0 && errorProbability <= 1)) {
      throw new IllegalArgumentException("phase '" + name + "': errorProbability must be in [0, 1], was "
          + errorProbability);
    }
    phases.add(new PhaseSpec(name, length.toNanos(), callsPerSecond, poisson, errorProbability,
        Calls.SUCCESS, latency, 0, fault));
    return this;
  }

  /**
   * Generates the calls.
   *
   * @return the workload
   * @throws IllegalStateException if no phase was added
   * @throws IllegalArgumentException if the workload would hold more than 50 million calls
   */
  public Workload build() {
    if (phases.isEmpty()) {
      throw new IllegalStateException("add at least one phase with healthy(...) or fault(...)");
    }
    return TrafficGenerator.generate(description == null ? "synthetic, seed " + seed : description,
        List.copyOf(phases), seed);
  }
}
