package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the replay treats timeouts, rejected calls in traces, overlapping calls and jitter. */
class ReplayRulesTest {
  private static CircuitBreakerConfig.Builder config() {
    return CircuitBreakerConfig.builder("c").failureThreshold(1).retryDelay(Duration.ofSeconds(1));
  }

  private static List<String> changes(Figures f) {
    return f.transitions().stream().map(t -> t.at().toMillis() + " " + t.to()).toList();
  }

  @Test
  void aCallLongerThanTheCandidatesTimeoutIsATimeoutAtTheDeadline() {
    Workload w = Traces.of("0,3000,success,");

    Figures withTimeout = Simulation.of(w).run(config().timeout(Duration.ofSeconds(1)).build());
    Figures without = Simulation.of(w).run(config().timeout(Duration.ZERO).build());
    Figures exactly = Simulation.of(w).run(config().timeout(Duration.ofSeconds(3)).build());

    assertThat(changes(withTimeout)).containsExactly("1000 OPEN");
    assertThat(withTimeout.overall().timeouts()).isEqualTo(1);
    assertThat(withTimeout.overall().failedCallsAdmitted()).isEqualTo(1);
    assertThat(without.overall().opens()).isZero();
    assertThat(exactly.overall().opens()).as("a call as long as the timeout is not timed out").isZero();
  }

  @Test
  void aRecordedTimeoutStaysATimeoutAtItsRecordedDurationUnderALongerTimeout() {
    Figures f = Simulation.of(Traces.of("0,500,timeout,")).run(config().timeout(Duration.ofSeconds(30)).build());

    assertThat(changes(f)).containsExactly("500 OPEN");
  }

  /*
   * 0 success, 100 failure, then three rejected calls and a success at 500. 200 is nearer 100
   * (failure); 300 is as near 100 as 500, and a tie takes the earlier: failure; 400 is nearer 500
   * (success). A candidate that admits everything sees 3 failures.
   */
  @Test
  void rejectedCallsTakeTheOutcomeOfTheNearestRecordedCallTheEarlierOnATie() {
    Workload w = Traces.of("0,10,success,", "100,20,failure,java.io.IOException", "200,0,success,rejected",
        "300,0,success,rejected", "400,0,failure,rejected", "500,30,success,");

    Calls calls = w.calls();
    assertThat(calls.outcomes).containsExactly(Calls.SUCCESS, Calls.FAILURE, (byte) (Calls.FAILURE | Calls.FILLED),
        (byte) (Calls.FAILURE | Calls.FILLED), (byte) (Calls.SUCCESS | Calls.FILLED), Calls.SUCCESS);
    assertThat(calls.durations).containsExactly(10_000_000L, 20_000_000L, 20_000_000L, 20_000_000L, 30_000_000L,
        30_000_000L);
    Figures f = Simulation.of(w).run(CircuitBreakerConfig.builder("all").failureThreshold(100).build());
    assertThat(f.overall().failedCallsAdmitted()).isEqualTo(3);
    assertThat(f.overall().filledCalls()).isEqualTo(3);
  }

  /*
   * A failure at 0 opens at 10 ms; retryDelay 1 s, so the call at 1000 is still rejected. Calls
   * every 100 ms from 1000 take 500 ms each. halfOpenMaxCalls 1: 1100 is the trial; 1200-1500 are
   * rejected (its slot is taken); at 1600 the trial ends first (an end before a start at the same
   * instant), so 1600 is the second trial; 1700-1900 are rejected; it closes at 2100.
   */
  @Test
  void overlappingTrialsAreLimitedByHalfOpenMaxCallsAndEndsComeBeforeStartsAtTheSameInstant() {
    Workload w = overlapping();

    Figures f = Simulation.of(w).run(config().successThreshold(2).halfOpenMaxCalls(1).build());

    assertThat(changes(f)).containsExactly("10 OPEN", "1100 HALF_OPEN", "2100 CLOSED");
    assertThat(f.overall().trialCalls()).isEqualTo(2);
    assertThat(f.overall().healthyCallsRejected()).isEqualTo(8);
  }

  /*
   * halfOpenMaxCalls 2: trials 1100 and 1200; 1300-1500 rejected; at 1600 the first trial's
   * success frees a slot for 1600 (a third trial); at 1700 the second success closes the circuit
   * before the call at 1700 starts, so 1700-1900 are ordinary calls. The third trial ends at 2100
   * after the close: counted, but it cannot change the new state.
   */
  @Test
  void aSecondSlotLetsASecondTrialRunAlongside() {
    Figures f = Simulation.of(overlapping()).run(config().successThreshold(2).halfOpenMaxCalls(2).build());

    assertThat(changes(f)).containsExactly("10 OPEN", "1100 HALF_OPEN", "1700 CLOSED");
    assertThat(f.overall().trialCalls()).isEqualTo(3);
    assertThat(f.overall().healthyCallsRejected()).isEqualTo(4);
  }

  private static Workload overlapping() {
    String[] lines = new String[11];
    lines[0] = "0,10,failure,";
    for (int k = 0; k < 10; k++) {
      lines[k + 1] = (1000 + 100 * k) + ",500,success,";
    }
    return Traces.of(lines);
  }

  @Test
  void retryJitterIsRefusedBecauseItCouldNotBeReproduced() {
    CircuitBreakerConfig jittery = config().retryJitter(0.2).build();
    Simulation simulation = Simulation.of(Traces.of("0,1,success,"));

    assertThatThrownBy(() -> simulation.run(jittery)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retryJitter 0.2 cannot be simulated exactly");
    assertThatThrownBy(() -> simulation.runAll(List.of(config().build(), jittery)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCandidatesOwnClassificationDoesNotOverrideTheWorkloadsOutcomes() {
    CircuitBreakerConfig ignoresEverything = config().ignore(RuntimeException.class).recordFailure(t -> false).build();

    Figures f = Simulation.of(Traces.of("0,10,failure,")).run(ignoresEverything);

    assertThat(f.overall().opens()).isEqualTo(1);
  }

  /*
   * One trial slot. The trial at 1100 takes 10 s and holds it; the call at 3000 is rejected (the
   * slot is taken, and the last admission is 1.9 s old, under the 2 s maxHalfOpenWait). At 3200
   * the round has held its only slot and admitted nothing for 2.1 s: it is abandoned, lazily, by
   * that call, as an unobserved breaker in production abandons it: OPEN again at 3200.
   */
  @Test
  void maxHalfOpenWaitAbandonsAStuckRoundAsInProduction() {
    Workload w = Traces.of("0,10,failure,", "1100,10000,success,", "3000,10,success,", "3200,10,success,");

    Figures f = Simulation.of(w).run(config().halfOpenMaxCalls(1).maxHalfOpenWait(Duration.ofSeconds(2)).build());

    assertThat(changes(f)).containsExactly("10 OPEN", "1100 HALF_OPEN", "3200 OPEN");
    assertThat(f.overall().rejected()).isEqualTo(2);
  }

  /*
   * With a free slot the round is waiting for traffic, not stuck: the call at 3000 is a second
   * trial and succeeds, and the call at 3200 is a third that closes the circuit at 3210.
   */
  @Test
  void aRoundWithAFreeSlotIsNotAbandoned() {
    Workload w = Traces.of("0,10,failure,", "1100,10000,success,", "3000,10,success,", "3200,10,success,");

    Figures f = Simulation.of(w).run(config().halfOpenMaxCalls(2).maxHalfOpenWait(Duration.ofSeconds(2)).build());

    assertThat(changes(f)).containsExactly("10 OPEN", "1100 HALF_OPEN", "3210 CLOSED");
  }

  @Test
  void runAllGivesTheSameFiguresAsRunningOneByOneInOrder() {
    Workload w = Workload.synthetic(3).callsPerSecond(40).healthy("a", Duration.ofSeconds(30), 0.05)
        .fault("b", Duration.ofSeconds(10), 0.8).healthy("c", Duration.ofSeconds(30), 0.05).build();
    List<CircuitBreakerConfig> configs = Candidates.grid("failureThreshold=1..6,retryDelay=1s|5s");
    Simulation s = Simulation.of(w);

    List<Figures> parallel = s.runAll(configs);

    assertThat(parallel).hasSize(12);
    for (int i = 0; i < configs.size(); i++) {
      assertThat(parallel.get(i)).isEqualTo(s.run(configs.get(i)));
    }
  }
}
