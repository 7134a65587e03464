package dev.breakwater.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns phase descriptions into calls with one {@link SplittableRandom} seeded once, drawing for
 * each call in a fixed order (the arrival gap if Poisson, then the outcome, then the latency), so
 * the same phases and seed always give the same calls. Evenly spaced arrivals fall exactly on
 * {@code phaseStart + k / rate} (rounded down to the nanosecond), the first at the phase's start.
 * Stateless.
 */
final class TrafficGenerator {
  private TrafficGenerator() {}

  static Workload generate(String description, List<PhaseSpec> specs, long seed) {
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("a workload needs at least one phase");
    }
    SplittableRandom random = new SplittableRandom(seed);
    Calls.Builder calls = new Calls.Builder();
    List<Workload.Phase> phases = new ArrayList<>();
    long at = 0;
    for (PhaseSpec spec : specs) {
      long end = Math.addExact(at, spec.lengthNanos());
      generate(spec, at, end, random, calls);
      phases.add(new Workload.Phase(spec.name(), Duration.ofNanos(at), Duration.ofNanos(end), spec.fault()));
      at = end;
    }
    return new Workload(description, calls.build(), phases);
  }

  private static void generate(PhaseSpec spec, long start, long end, SplittableRandom random, Calls.Builder calls) {
    double rate = spec.callsPerSecond();
    boolean wholeRate = rate == Math.rint(rate);
    double gap = 1e9 / rate;
    long t = start;
    for (long k = 0; ; k++) {
      if (spec.poisson()) {
        t += Math.round(-StrictMath.log(1.0 - random.nextDouble()) * gap);
      } else {
        t = start + (wholeRate ? k * 1_000_000_000L / (long) rate : (long) Math.floor(k * gap));
      }
      if (t >= end) {
        return;
      }
      byte outcome = outcome(spec, random);
      calls.add(t, spec.latency().sampleNanos(random) + spec.extraDelayNanos(), outcome);
    }
  }

  private static byte outcome(PhaseSpec spec, SplittableRandom random) {
    double p = spec.failureProbability();
    if (p >= 1.0) {
      return Calls.FAILURE;
    }
    if (p <= 0.0) {
      return spec.otherOutcome();
    }
    return random.nextDouble() < p ? Calls.FAILURE : spec.otherOutcome();
  }
}
