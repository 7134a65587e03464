package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scale: a grid of 100 configurations over an hour of traffic at 200 calls a second
 * (720,000 calls, 72 million simulated calls in all). It must complete; the time it took is
 * printed (see the surefire output), not asserted.
 */
class GridOverAnHourTest {
  @Test
  void aHundredConfigsOverAnHourAt200CallsASecondComplete() {
    Workload hour = Workload.synthetic(2026).callsPerSecond(200).poissonArrivals(true)
        .latency(Duration.ofMillis(15), Duration.ofMillis(250))
        .healthy("morning", Duration.ofMinutes(20), 0.01)
        .fault("outage", Duration.ofMinutes(3), 0.95)
        .healthy("afternoon", Duration.ofMinutes(25), 0.01)
        .fault("brownout", Duration.ofMinutes(4), 0.5)
        .healthy("evening", Duration.ofMinutes(8), 0.01)
        .build();
    List<CircuitBreakerConfig> grid = Candidates.grid("failureThreshold=1..10,retryDelay=1s..10s:1s");

    long start = System.nanoTime();
    List<Figures> figures = Simulation.of(hour).runAll(grid);
    long elapsed = System.nanoTime() - start;
    SimulationReport report = SimulationReport.of(hour, figures, "backend");

    System.out.printf("grid of %d configs over %,d calls: %.2f s (%.1f million simulated calls/s on %d processors)%n",
        grid.size(), hour.callCount(), elapsed / 1e9, 100.0 * hour.callCount() / (elapsed / 1e3),
        Runtime.getRuntime().availableProcessors());
    assertThat(hour.callCount()).isBetween(715_000, 725_000);
    assertThat(figures).hasSize(100);
    assertThat(figures).allSatisfy(f -> assertThat(f.overall().calls()).isEqualTo(hour.callCount()));
    assertThat(report.paretoFront()).isNotEmpty();
    assertThat(report.html()).contains("on the Pareto front");
  }
}
