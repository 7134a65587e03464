package dev.breakwater.redis;

import java.util.List;

/** The quorum rule of {@link QuorumPolicy}, as a pure function of the instances' reports. Stateless. */
final class QuorumJudge {
  private QuorumJudge() {}

  /**
   * The rule's answer for one breaker.
   *
   * @param reached whether the quorum holds
   * @param reporting instances reporting the breaker, leaving out FORCED_OPEN and DISABLED ones
   * @param open those with the breaker OPEN or HALF_OPEN on their own evidence
   * @param followerCap how many instances the quorum may open at once
   */
  record Verdict(boolean reached, int reporting, int open, int followerCap) {}

  static Verdict judge(QuorumPolicy policy, List<BreakerReport> reports) {
    int reporting = 0;
    int open = 0;
    for (BreakerReport report : reports) {
      if (report.manual()) {
        continue; // an operator's state says nothing about the dependency
      }
      reporting++;
      if (report.votesOpen()) {
        open++;
      }
    }
    boolean reached = open > 0 && reporting >= policy.minInstances()
        && open * 100.0 >= policy.openPercent() * reporting;
    // the epsilon keeps 0.29 × 100 at 29 rather than 28.999…
    int cap = (int) Math.floor(policy.maxFollowerShare() * (reporting - open) + 1e-9);
    return new Verdict(reached, reporting, open, cap);
  }
}
