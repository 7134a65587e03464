package dev.breakwater.simulator;

import dev.breakwater.Ticker;

/**
 * The simulation's clock: it reads whatever instant the replay has moved it to, in nanoseconds
 * from the workload's start. Not thread-safe: one replay, one thread.
 */
final class VirtualTicker implements Ticker {
  private long now;

  @Override
  public long read() {
    return now;
  }

  void set(long nanos) {
    now = nanos;
  }

  @Override
  public String toString() {
    return "VirtualTicker{" + now + " ns}";
  }
}
