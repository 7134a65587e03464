package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitState;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 100 % failure phase at a fixed rate. 10 calls a second (one every 100 ms, the first at 0),
 * each taking exactly 10 ms: 10 s healthy (calls 0-99), 10 s outage where every call fails (calls
 * 100-199, from 10.0 s), 20 s healthy again (calls 200-399, from 20.0 s). So the k-th failure of
 * the outage ends at 10.0 s + (k - 1) x 100 ms + 10 ms, and the breaker opens when the
 * failureThreshold-th one ends.
 */
class OutageAtFixedRateTest {
  private static final Workload OUTAGE = Workload.synthetic(1)
      .callsPerSecond(10)
      .latency(Duration.ofMillis(10), Duration.ofMillis(10))
      .healthy("warm", Duration.ofSeconds(10), 0.0)
      .fault("outage", Duration.ofSeconds(10), 1.0)
      .healthy("recovered", Duration.ofSeconds(20), 0.0)
      .build();

  private static CircuitBreakerConfig candidate(int failureThreshold) {
    return CircuitBreakerConfig.builder("F=" + failureThreshold)
        .failureThreshold(failureThreshold)
        .retryDelay(Duration.ofSeconds(3))
        .build();
  }

  @Test
  void theWorkloadIsWhatTheHandComputationAssumes() {
    assertThat(OUTAGE.callCount()).isEqualTo(400);
    assertThat(OUTAGE.length()).isEqualTo(Duration.ofSeconds(40));
    Calls calls = OUTAGE.calls();
    for (int k = 0; k < 400; k++) {
      assertThat(calls.starts[k]).isEqualTo(k * 100_000_000L);
      assertThat(calls.durations[k]).isEqualTo(10_000_000L);
      assertThat(calls.outcomes[k]).isEqualTo(k >= 100 && k < 200 ? Calls.FAILURE : Calls.SUCCESS);
    }
  }

  @ParameterizedTest(name = "failureThreshold {0}")
  @ValueSource(ints = {1, 2, 3, 5, 7, 10})
  void detectionDelayIsThresholdMinusOneIntervalsPlusTheLatency(int failureThreshold) {
    Figures figures = Simulation.of(OUTAGE).run(candidate(failureThreshold));

    PhaseFigures outage = figures.phase("outage");
    assertThat(outage.detectionDelay()).contains(Duration.ofMillis((failureThreshold - 1) * 100L + 10));
    assertThat(figures.transitions().get(0).to()).isEqualTo(CircuitState.OPEN);
    assertThat(figures.transitions().get(0).at())
        .isEqualTo(Duration.ofMillis(10_000 + (failureThreshold - 1) * 100L + 10));
    assertThat(figures.phase("warm").opens()).isZero();
  }

  /*
   * Hand computation, retryDelay 3 s, successThreshold 2 (so halfOpenMaxCalls 2), O = opening:
   *
   * F=5: O1 at 10.41 s after calls 10.0-10.4 failed (5 through). Trials: 13.5 (first call at or
   * after 13.41) fails, O2 13.51; 16.6 fails, O3 16.61; 19.7 fails, O4 19.71 (still in the outage,
   * which ends at 20.0). 22.8 and 22.9 succeed, CLOSED at 22.91: recovery 2.91 s. Rejected while
   * healthy: 20.0 .. 22.7 = 28 calls. Through during the outage: 5 + 3 trials = 8.
   *
   * F=3: O1 10.21; trials 13.3, 16.4, 19.5 fail; 22.6 and 22.7 succeed, CLOSED 22.71: recovery
   * 2.71 s. Rejected while healthy: 20.0 .. 22.5 = 26. Through: 3 + 3 = 6.
   *
   * F=10: O1 10.91; trials 14.0, 17.1 fail (O3 17.11); the next call after 20.11 is 20.2, healthy:
   * 20.2 and 20.3 succeed, CLOSED 20.31: recovery 310 ms. Rejected while healthy: 20.0, 20.1 = 2.
   * Through: 10 + 2 = 12; opens 3; trial calls 2 + 2 = 4.
   */
  @ParameterizedTest(name = "failureThreshold {0}")
  @CsvSource({
      // F, through, opens, trials, healthy rejected, recovery ms, fault trials
      "5, 8, 4, 5, 28, 2910, 3",
      "3, 6, 4, 5, 26, 2710, 3",
      "10, 12, 3, 4, 2, 310, 2"})
  void callsThroughOpensTrialsAndRecoveryFollowFromThresholdAndRate(int failureThreshold, long through, long opens,
      long trials, long healthyRejected, long recoveryMillis, long faultTrials) {
    Figures figures = Simulation.of(OUTAGE).run(candidate(failureThreshold));

    PhaseFigures outage = figures.phase("outage");
    assertThat(outage.admitted()).isEqualTo(through);
    assertThat(outage.failedCallsAdmitted()).isEqualTo(through);
    assertThat(outage.rejected()).isEqualTo(100 - through);
    assertThat(outage.trialCalls()).isEqualTo(faultTrials);
    assertThat(outage.recoveryDelay()).contains(Duration.ofMillis(recoveryMillis));

    PhaseFigures overall = figures.overall();
    assertThat(overall.failedCallsAdmitted()).isEqualTo(through);
    assertThat(overall.healthyCallsRejected()).isEqualTo(healthyRejected);
    assertThat(overall.opens()).isEqualTo(opens);
    assertThat(overall.falseOpens()).isZero();
    assertThat(overall.trialCalls()).isEqualTo(trials);
    assertThat(overall.calls()).isEqualTo(400);
    assertThat(overall.availability()).isEqualTo((100 + 200 - healthyRejected) * 100.0 / 400);
  }

  @Test
  void theStateChangesOfFailureThresholdFiveAreTheHandComputedOnes() {
    Figures figures = Simulation.of(OUTAGE).run(candidate(5));

    assertThat(figures.transitions()).extracting(t -> t.at().toMillis() + " " + t.to()).containsExactly(
        "10410 OPEN", "13500 HALF_OPEN", "13510 OPEN", "16600 HALF_OPEN", "16610 OPEN",
        "19700 HALF_OPEN", "19710 OPEN", "22800 HALF_OPEN", "22910 CLOSED");
  }

  @Test
  void aBreakerThatNeverOpensLetsTheWholeOutageThrough() {
    Figures figures = Simulation.of(OUTAGE).run(CircuitBreakerConfig.builder("never").failureThreshold(1000).build());

    PhaseFigures outage = figures.phase("outage");
    assertThat(outage.admitted()).isEqualTo(100);
    assertThat(outage.detectionDelay()).isEmpty();
    assertThat(outage.recoveryDelay()).contains(Duration.ZERO);
    assertThat(figures.overall().availability()).isEqualTo(75.0);
  }
}
