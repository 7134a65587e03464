package dev.breakwater.simulator;

import dev.breakwater.CircuitBreakerConfig;
import java.util.List;
import java.util.Objects;

/**
 * Replays one workload against candidate breaker configurations, each through a real
 * {@link dev.breakwater.CircuitBreaker} on a virtual clock: an hour of traffic takes well under a
 * second, and the figures are exact, so tests can assert them.
 *
 * <pre>{@code
 * Figures figures = Simulation.of(workload).run(CircuitBreakerConfig.builder("inventory")
 *     .failureThreshold(5)
 *     .retryDelay(Duration.ofSeconds(3))
 *     .build());
 * assertThat(figures.phase("outage").detectionDelay()).contains(Duration.ofMillis(410));
 * }</pre>
 *
 * <p>The candidate's {@code ticker} is not used (the simulation has its own clock), nor its
 * {@code recordFailure}, {@code recordResult} and {@code ignore} settings (the workload's outcomes
 * are what the breaker records). Its {@code timeout} applies: a call longer than the timeout
 * becomes a timeout at the deadline. Retry jitter is refused, because the breaker draws it from an
 * unseeded random source. Thread-safe: runs share nothing but the immutable workload.
 */
public final class Simulation {
  private final Workload workload;

  private Simulation(Workload workload) {
    this.workload = workload;
  }

  /**
   * Prepares simulations of {@code workload}.
   *
   * @param workload the traffic to replay
   * @return a simulation of that workload
   * @throws NullPointerException if {@code workload} is null
   */
  public static Simulation of(Workload workload) {
    return new Simulation(Objects.requireNonNull(workload, "workload"));
  }

  /**
   * Returns the workload this simulation replays.
   *
   * @return the workload
   */
  public Workload workload() {
    return workload;
  }

  /**
   * Replays the workload through a breaker with the candidate configuration.
   *
   * @param candidate the configuration to try
   * @return what the configuration did
   * @throws IllegalArgumentException if the candidate uses retry jitter
   * @throws NullPointerException if {@code candidate} is null
   */
  public Figures run(CircuitBreakerConfig candidate) {
    return Replay.run(workload, Objects.requireNonNull(candidate, "candidate"));
  }

  /**
   * Replays the workload against every candidate, on several threads when there are several
   * processors; the result is in the candidates' order and is the same as running them one by one.
   *
   * @param candidates the configurations to try
   * @return the figures of each candidate, in order, immutable
   * @throws IllegalArgumentException if a candidate uses retry jitter
   * @throws NullPointerException if the list or a candidate is null
   */
  public List<Figures> runAll(List<CircuitBreakerConfig> candidates) {
    List<CircuitBreakerConfig> list = List.copyOf(candidates);
    list.forEach(Replay::check); // fail before any work, on the caller's thread
    return list.parallelStream().map(this::run).toList();
  }
}
