package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreakerConfig;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthetic workloads are reproducible; traces get their fault phases from their outcomes. */
class WorkloadTest {
  private static Workload synthetic(long seed) {
    return Workload.synthetic(seed).callsPerSecond(50).poissonArrivals(true)
        .latency(Duration.ofMillis(20), Duration.ofMillis(400))
        .healthy("before", Duration.ofMinutes(2), 0.02)
        .fault("brownout", Duration.ofSeconds(40), 0.6)
        .healthy("after", Duration.ofMinutes(2), 0.02)
        .build();
  }

  @Test
  void theSameSeedGivesTheSameCallsAndTheSameFigures() throws Exception {
    Workload a = synthetic(42);
    Workload b = synthetic(42);
    List<CircuitBreakerConfig> candidates = Candidates.grid("failureThreshold=2..4,failureRateThreshold=0|40");

    StringWriter traceA = new StringWriter();
    StringWriter traceB = new StringWriter();
    a.writeTrace(traceA);
    b.writeTrace(traceB);
    assertThat(traceA.toString()).isEqualTo(traceB.toString());
    List<Figures> figuresA = Simulation.of(a).runAll(candidates);
    List<Figures> figuresB = Simulation.of(b).runAll(candidates);
    assertThat(figuresA).isEqualTo(figuresB);
    assertThat(SimulationReport.of(a, figuresA, "x").json()).isEqualTo(SimulationReport.of(b, figuresB, "x").json());
  }

  @Test
  void anotherSeedGivesOtherCalls() {
    assertThat(synthetic(43).calls().starts).isNotEqualTo(synthetic(42).calls().starts);
  }

  @Test
  void logNormalLatencyHasTheGivenMedianAndP99() {
    Workload w = Workload.synthetic(5).callsPerSecond(1000).latency(Duration.ofMillis(20), Duration.ofMillis(200))
        .healthy("h", Duration.ofSeconds(100), 0).build();
    long[] d = w.calls().durations.clone();
    java.util.Arrays.sort(d);

    assertThat(d[d.length / 2] / 1e6).isCloseTo(20, org.assertj.core.data.Offset.offset(0.6));
    assertThat(d[(int) (d.length * 0.99)] / 1e6).isCloseTo(200, org.assertj.core.data.Offset.offset(10.0));
  }

  @Test
  void aTracesFaultRunsFromItsFirstFailureToTheFirstSuccessAfterIt() {
    List<String> lines = new ArrayList<>();
    for (int k = 0; k < 400; k++) {
      boolean failing = k >= 103 && k < 200 || k == 250;
      lines.add(k * 100 + ",10," + (failing ? "failure," : "success,"));
    }
    Workload w = Traces.of(lines.toArray(String[]::new));

    assertThat(w.phases()).extracting(p -> p.name() + " " + p.start().toMillis() + "-" + p.end().toMillis()
        + (p.fault() ? " fault" : "")).containsExactly("healthy 0-10300", "fault 1 10300-20000 fault",
        "after fault 1 20000-39910");
  }

  @Test
  void aTraceWithTwoFaultsHasTwoFaultPhasesAndTheTailOfAnUnendedOne() {
    Workload w = Traces.of("0,1,failure,", "100,1,failure,", "1000,1,success,", "2000,1,success,",
        "3000,1,timeout,", "3500,1,failure,");

    assertThat(w.phases()).extracting(p -> p.name() + " " + p.start().toMillis() + "-" + p.end().toMillis())
        .containsExactly("fault 1 0-1000", "after fault 1 1000-3000", "fault 2 3000-3501");
  }

  @Test
  void syntheticPhasesAreCheckedAsTheyAreAdded() {
    assertThatThrownBy(() -> Workload.synthetic(1).healthy("a", Duration.ofSeconds(1), 1.5))
        .hasMessage("phase 'a': errorProbability must be in [0, 1], was 1.5");
    assertThatThrownBy(() -> Workload.synthetic(1).healthy("a", Duration.ofSeconds(1), 0).fault("a", Duration.ofSeconds(1), 1))
        .hasMessage("phase names must be unique and not blank, was 'a'");
    assertThatThrownBy(() -> Workload.synthetic(1).callsPerSecond(0)).hasMessageContaining("callsPerSecond");
    assertThatThrownBy(() -> Workload.synthetic(1).latency(Duration.ofMillis(20), Duration.ofMillis(10)))
        .hasMessageContaining("must not be below the median");
    assertThatThrownBy(() -> Workload.synthetic(1).build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void evenlySpacedArrivalsAtAFractionalRateFallOnTheirExactTimes() {
    Workload w = Workload.synthetic(1).callsPerSecond(3).latency(Duration.ZERO, Duration.ZERO)
        .healthy("h", Duration.ofSeconds(2), 0).build();

    assertThat(w.calls().starts).containsExactly(0L, 333_333_333L, 666_666_666L, 1_000_000_000L, 1_333_333_333L,
        1_666_666_666L);
  }
}
