package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {
  private static ParetoFront.Objectives o(long detection, long falseOpens, long recovery) {
    return new ParetoFront.Objectives(detection, falseOpens, recovery, 0, 0);
  }

  /*
   * 0 (100, 0, 500) and 1 (300, 0, 200) trade detection for recovery: both on the front.
   * 2 (100, 1, 500) is dominated by 0 (a false open more). 3 (400, 0, 600) is dominated by 1.
   * 4 (50, 2, 900) is the fastest detector: on the front.
   */
  @Test
  void theFrontHoldsTheCandidatesNoOtherBeatsInEveryObjective() {
    List<ParetoFront.Objectives> all = List.of(o(100, 0, 500), o(300, 0, 200), o(100, 1, 500), o(400, 0, 600),
        o(50, 2, 900));

    assertThat(ParetoFront.front(all)).containsExactly(0, 1, 4);
  }

  /*
   * Front ranges: detection 50..300, false opens 0..2, recovery 200..900. Scores:
   * 0: (100-50)/250 + 0/2 + (500-200)/700 = 0.2 + 0 + 0.4286 = 0.629
   * 1: (300-50)/250 + 0 + 0 = 1.0
   * 4: 0 + 1 + 1 = 2.0
   * So 0 is recommended.
   */
  @Test
  void theRecommendationHasTheSmallestSumOfScaledObjectives() {
    List<ParetoFront.Objectives> all = List.of(o(100, 0, 500), o(300, 0, 200), o(100, 1, 500), o(400, 0, 600),
        o(50, 2, 900));

    assertThat(ParetoFront.recommended(all, ParetoFront.front(all))).isEqualTo(0);
  }

  @Test
  void equalObjectivesAreBrokenByHealthyCallsRejectedThenFailedCallsAdmittedThenOrder() {
    List<ParetoFront.Objectives> all = List.of(new ParetoFront.Objectives(0, 0, 0, 5, 1),
        new ParetoFront.Objectives(0, 0, 0, 3, 9), new ParetoFront.Objectives(0, 0, 0, 3, 2),
        new ParetoFront.Objectives(0, 0, 0, 3, 2));

    assertThat(ParetoFront.front(all)).containsExactly(0, 1, 2, 3);
    assertThat(ParetoFront.recommended(all, ParetoFront.front(all))).isEqualTo(2);
  }
}
