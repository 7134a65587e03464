package dev.breakwater.cli;

import java.util.List;

/**
 * What a demo run produced and delivered. {@code lost} counts produced events that never arrived
 * and were not reported as dropped either; a run is good when nothing was lost or dropped. An
 * interrupted run (Ctrl-C) was cut short before its buffers drained: what had not arrived yet is
 * {@code pending}, neither lost nor delivered, and such a run is never called good.
 *
 * @param seconds how long the scenario was planned to run
 * @param elapsedSeconds how long it ran
 * @param delivered distinct events New Relic stored (-1 when it cannot be read, as in live mode)
 * @param pending events not delivered yet when an interrupted run ended (0 when not interrupted)
 */
record DemoResult(double seconds, double elapsedSeconds, int rate, long seed, long produced, long delivered,
    long duplicates, long dropped, long lost, long pending, List<String> breakers, long nrqlAnswered,
    long nrqlFailed, long nrqlRefused, boolean live, boolean interrupted) {

  boolean nothingLost() {
    return !interrupted && lost == 0 && dropped == 0;
  }
}
