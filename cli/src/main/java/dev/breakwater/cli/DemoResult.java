package dev.breakwater.cli;

import java.util.List;

/**
 * What a demo run produced and delivered. {@code lost} counts produced events that never arrived
 * and were not reported as dropped either; a run is good when nothing was lost or dropped.
 *
 * @param delivered distinct events New Relic stored (-1 when it cannot be read, as in live mode)
 */
record DemoResult(double seconds, int rate, long seed, long produced, long delivered, long duplicates,
    long dropped, long lost, List<String> breakers, long nrqlAnswered, long nrqlFailed,
    long nrqlRefused, boolean live) {

  boolean nothingLost() {
    return lost == 0 && dropped == 0;
  }
}
