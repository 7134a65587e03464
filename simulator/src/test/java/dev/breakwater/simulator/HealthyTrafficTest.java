package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A healthy dependency with 1 % failures. Consecutive-failure configurations must never open; a
 * failure-rate policy opens or not depending on its threshold and minimumCalls, as computed by
 * hand from the sliding window's buckets.
 */
class HealthyTrafficTest {
  /**
   * A trace of 1,000 calls, one every 100 ms (call k starts at k x 100 ms), each taking 10 ms;
   * every hundredth call fails (k = 99, 199, ...): exactly 1 %, never two in a row.
   */
  private static final Workload ONE_PERCENT = onePercentTrace();

  private static Workload onePercentTrace() {
    List<String> lines = new ArrayList<>();
    for (int k = 0; k < 1000; k++) {
      lines.add(k * 100 + ",10," + (k % 100 == 99 ? "failure,java.io.IOException" : "success,"));
    }
    return Traces.of(lines.toArray(String[]::new));
  }

  private static CircuitBreakerConfig.Builder rate(double threshold, int minimumCalls) {
    return CircuitBreakerConfig.builder("rate " + threshold + "% after " + minimumCalls)
        .failureThreshold(1000)
        .failureRateThreshold(threshold)
        .minimumCalls(minimumCalls)
        .monitoringWindow(Duration.ofSeconds(10));
  }

  @Test
  void aTraceWithScatteredFailuresHasNoFaultPhase() {
    assertThat(ONE_PERCENT.phases()).singleElement().satisfies(p -> {
      assertThat(p.fault()).isFalse();
      assertThat(p.name()).isEqualTo("healthy");
    });
  }

  @ParameterizedTest(name = "failureThreshold {0}")
  @ValueSource(ints = {2, 3, 5})
  void consecutiveFailureConfigsNeverOpenOnIsolatedFailures(int failureThreshold) {
    Figures figures = Simulation.of(ONE_PERCENT).run(CircuitBreakerConfig.builder("c")
        .failureThreshold(failureThreshold).build());

    assertThat(figures.overall().opens()).isZero();
    assertThat(figures.overall().rejected()).isZero();
    assertThat(figures.overall().failedCallsAdmitted()).isEqualTo(10);
    assertThat(figures.overall().availability()).isEqualTo(99.0);
  }

  @Test
  void failureThresholdOneOpensOnEveryFailure() {
    Figures figures = Simulation.of(ONE_PERCENT).run(CircuitBreakerConfig.builder("c")
        .failureThreshold(1).retryDelay(Duration.ofSeconds(1)).build());

    // Each failure opens (the first ends at 9.91 s); the calls of the next 1 s (10.0-10.9: 10
    // calls) are rejected, 11.0 and 11.1 are trials and close it. The tenth failure is the last
    // call (99.9 s), so 9 x 10 calls are rejected.
    assertThat(figures.overall().opens()).isEqualTo(10);
    assertThat(figures.overall().falseOpens()).isEqualTo(10);
    assertThat(figures.overall().healthyCallsRejected()).isEqualTo(90);
    assertThat(figures.overall().trialCalls()).isEqualTo(18);
  }

  /*
   * monitoringWindow 10 s = 20 buckets of 500 ms; the window holds the current bucket and the 19
   * before it, and each bucket starts with a snapshot taken at the first outcome recorded in it.
   * The breaker (and its window) starts at 0. The first failure (call 99) ends at 9.91 s, in
   * bucket 19: the oldest bucket is bucket 0, whose snapshot is the empty start, so the window
   * holds calls 0-99: 100 calls, 1 failure, rate 1.0 %. With threshold 1 % and minimumCalls 100
   * it opens at 9.91 s; retryDelay 5 s: calls 10.0-14.9 (50) are rejected, 15.0 and 15.1 are
   * trials and close it at 15.11 s with a new window starting then. At the next failure (19.91 s)
   * that window holds calls 152-199 (48 < 100); at every later failure (29.91 s, ...) it holds
   * the 99 calls since the bucket that began at 15.11 + 5 s x n: still below 100. So: one open.
   */
  @Test
  void aRatePolicyOpensWhenTheWindowHoldsMinimumCallsAtTheThreshold() {
    Figures figures = Simulation.of(ONE_PERCENT).run(rate(1.0, 100).build());

    assertThat(figures.overall().opens()).isEqualTo(1);
    assertThat(figures.overall().falseOpens()).isEqualTo(1);
    assertThat(figures.overall().healthyCallsRejected()).isEqualTo(50);
    assertThat(figures.overall().trialCalls()).isEqualTo(2);
    assertThat(figures.transitions()).extracting(t -> t.at().toMillis() + " " + t.to())
        .containsExactly("9910 OPEN", "15000 HALF_OPEN", "15110 CLOSED");
    assertThat(figures.transitions().get(0).reason()).isEqualTo("failure rate 1.0% >= 1.0% over 100 calls");
  }

  @Test
  void aRatePolicyDoesNotOpenWhenTheWindowNeverHoldsMinimumCalls() {
    Figures figures = Simulation.of(ONE_PERCENT).run(rate(1.0, 101).build());

    assertThat(figures.overall().opens()).isZero();
    assertThat(figures.overall().rejected()).isZero();
  }

  @Test
  void aRatePolicyDoesNotOpenBelowItsThreshold() {
    Figures figures = Simulation.of(ONE_PERCENT).run(rate(1.1, 100).build());

    assertThat(figures.overall().opens()).isZero();
  }

  /**
   * Seeded random 1 % failures: the longest run of consecutive failures L is read off the
   * generated calls; a threshold above L never opens, one at L opens at least once.
   */
  @Test
  void randomOnePercentFailuresOpenOnlyThresholdsTheLongestRunReaches() {
    Workload random = Workload.synthetic(2024).callsPerSecond(20)
        .healthy("steady", Duration.ofMinutes(30), 0.01).build();
    int longestRun = longestFailureRun(random.calls());
    assertThat(longestRun).isBetween(1, 4);

    Figures above = Simulation.of(random).run(CircuitBreakerConfig.builder("above")
        .failureThreshold(longestRun + 1).build());
    Figures at = Simulation.of(random).run(CircuitBreakerConfig.builder("at").failureThreshold(longestRun).build());

    assertThat(above.overall().opens()).isZero();
    assertThat(at.overall().opens()).isPositive();
    assertThat(at.transitions().get(0).to()).isEqualTo(CircuitState.OPEN);
  }

  private static int longestFailureRun(Calls calls) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < calls.size; i++) {
      run = Calls.isFailure(calls.outcomes[i]) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
