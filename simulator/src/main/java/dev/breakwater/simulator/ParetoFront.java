package dev.breakwater.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The trade-off between candidates. Three objectives, each to be made small:
 *
 * <ul>
 *   <li>detection: the detection delays of all fault phases added up, a fault never detected
 *       counting its whole length;
 *   <li>false opens: transitions from CLOSED to OPEN while the dependency was healthy;
 *   <li>recovery: the recovery delays of all fault phases added up, a breaker that had not closed
 *       by the end of the workload counting the time from the fault's end to the workload's end.
 * </ul>
 *
 * <p>A candidate is on the front when no other candidate is at least as good in all three and
 * better in one. The recommendation is the front's candidate with the smallest sum of its
 * objectives, each scaled to [0, 1] over the front's range (an objective that is the same for the
 * whole front counts for nothing); a tie goes to fewer healthy calls rejected, then fewer failed
 * calls admitted, then the earlier candidate. Stateless.
 */
final class ParetoFront {
  private ParetoFront() {}

  /**
   * One candidate's objectives (detection and recovery in nanoseconds, false opens as a count) and
   * its tie-breakers (healthy calls rejected, failed calls admitted), which are not objectives.
   */
  record Objectives(long detectionNanos, long falseOpens, long recoveryNanos, long healthyCallsRejected,
      long failedCallsAdmitted) {
    long get(int k) {
      return k == 0 ? detectionNanos : k == 1 ? falseOpens : recoveryNanos;
    }

    boolean dominates(Objectives o) {
      boolean better = false;
      for (int k = 0; k < 3; k++) {
        if (get(k) > o.get(k)) {
          return false;
        }
        better |= get(k) < o.get(k);
      }
      return better;
    }
  }

  static Objectives objectives(Figures f) {
    long detection = 0;
    long recovery = 0;
    for (PhaseFigures p : f.faults()) {
      long d = p.detectionNanos();
      detection += d >= 0 ? d : p.end().minus(p.start()).toNanos();
      long r = p.recoveryNanos();
      recovery += r >= 0 ? r : Math.max(0, f.lengthNanos() - p.end().toNanos());
    }
    return new Objectives(detection, f.overall().falseOpens(), recovery, f.overall().healthyCallsRejected(),
        f.overall().failedCallsAdmitted());
  }

  /** The indices of the candidates on the front, in the candidates' order. */
  static List<Integer> front(List<Objectives> all) {
    List<Integer> front = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      boolean dominated = false;
      for (int j = 0; j < all.size() && !dominated; j++) {
        dominated = j != i && all.get(j).dominates(all.get(i));
      }
      if (!dominated) {
        front.add(i);
      }
    }
    return front;
  }

  /** The index of the recommended candidate among all, chosen from {@code front}. */
  static int recommended(List<Objectives> all, List<Integer> front) {
    long[] min = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    long[] max = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
    for (int i : front) {
      for (int k = 0; k < 3; k++) {
        min[k] = Math.min(min[k], all.get(i).get(k));
        max[k] = Math.max(max[k], all.get(i).get(k));
      }
    }
    int best = -1;
    double bestScore = Double.MAX_VALUE;
    for (int i : front) {
      double score = 0;
      for (int k = 0; k < 3; k++) {
        if (max[k] > min[k]) {
          score += (double) (all.get(i).get(k) - min[k]) / (max[k] - min[k]);
        }
      }
      if (best < 0 || score < bestScore || (score == bestScore && breaksTie(all.get(i), all.get(best)))) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  private static boolean breaksTie(Objectives c, Objectives b) {
    if (c.healthyCallsRejected() != b.healthyCallsRejected()) {
      return c.healthyCallsRejected() < b.healthyCallsRejected();
    }
    return c.failedCallsAdmitted() < b.failedCallsAdmitted();
  }
}
