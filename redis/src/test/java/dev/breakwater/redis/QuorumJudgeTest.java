package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quorum rule, without Redis. */
class QuorumJudgeTest {

  private static List<BreakerReport> reports(int localOpen, int fleetOpen, int closed, int manual) {
    List<BreakerReport> reports = new ArrayList<>();
    for (int i = 0; i < localOpen; i++) {
      reports.add(new BreakerReport("p", i % 2 == 0 ? CircuitState.OPEN : CircuitState.HALF_OPEN, false, 10, 9));
    }
    for (int i = 0; i < fleetOpen; i++) {
      reports.add(new BreakerReport("p", CircuitState.OPEN, true, 0, 0));
    }
    for (int i = 0; i < closed; i++) {
      reports.add(new BreakerReport("p", CircuitState.CLOSED, false, 10, 0));
    }
    for (int i = 0; i < manual; i++) {
      reports.add(new BreakerReport("p", CircuitState.FORCED_OPEN, false, 0, 0));
    }
    return reports;
  }

  @Test
  void reachedWhenEnoughOfEnoughInstancesAreOpenOnTheirOwnEvidence() {
    QuorumJudge.Verdict verdict = QuorumJudge.judge(QuorumPolicy.of(50, 3), reports(3, 0, 2, 0));

    assertThat(verdict).isEqualTo(new QuorumJudge.Verdict(true, 5, 3, 1));
  }

  @Test
  void notReachedBelowThePercentage() {
    assertThat(QuorumJudge.judge(QuorumPolicy.of(50, 3), reports(2, 0, 3, 0)).reached()).isFalse();
  }

  @Test
  void notReachedBelowMinInstances() {
    assertThat(QuorumJudge.judge(QuorumPolicy.of(50, 3), reports(2, 0, 0, 0)).reached()).isFalse();
  }

  @Test
  void instancesOpenedByTheFleetAreNoVotes() {
    QuorumJudge.Verdict verdict = QuorumJudge.judge(QuorumPolicy.of(50, 3), reports(2, 2, 1, 0));

    assertThat(verdict.open()).isEqualTo(2);
    assertThat(verdict.reporting()).isEqualTo(5);
    assertThat(verdict.reached()).isFalse();
  }

  @Test
  void operatorStatesAreLeftOutOfTheCount() {
    QuorumJudge.Verdict verdict = QuorumJudge.judge(QuorumPolicy.of(50, 3), reports(2, 0, 1, 10));

    assertThat(verdict).isEqualTo(new QuorumJudge.Verdict(true, 3, 2, 0));
  }

  @Test
  void theCapAlwaysLeavesOneInstanceWithoutEvidenceCalling() {
    QuorumPolicy greedy = QuorumPolicy.of(10, 2).withMaxFollowerShare(0.999);
    for (int others = 1; others <= 100; others++) {
      QuorumJudge.Verdict verdict = QuorumJudge.judge(greedy, reports(50, 0, others, 0));
      assertThat(verdict.followerCap()).as("%d others", others).isEqualTo(others - 1);
    }
  }

  @Test
  void theCapIsTheShareOfTheOthersRoundedDown() {
    QuorumPolicy policy = QuorumPolicy.of(20, 2).withMaxFollowerShare(0.29);

    assertThat(QuorumJudge.judge(policy, reports(10, 0, 100, 0)).followerCap()).isEqualTo(29);
    assertThat(QuorumJudge.judge(policy, reports(10, 0, 3, 0)).followerCap()).isZero();
  }
}
