package dev.breakwater.simulator;

/**
 * What one phase of generated traffic looks like: calls at {@code callsPerSecond} (evenly spaced
 * or Poisson), each failing with {@code failureProbability} (otherwise answered with
 * {@code otherOutcome}: a success, or an ignored answer such as a caller's mistake), taking a
 * latency drawn from {@code latency} plus {@code extraDelayNanos}. Immutable.
 */
record PhaseSpec(String name, long lengthNanos, double callsPerSecond, boolean poisson,
    double failureProbability, byte otherOutcome, LogNormal latency, long extraDelayNanos, boolean fault) {}
