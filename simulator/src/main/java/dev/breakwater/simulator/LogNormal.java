package dev.breakwater.simulator;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A log-normal latency distribution given by its median and 99th percentile: {@code ln(latency)}
 * is normal with mean {@code ln(median)} and standard deviation {@code ln(p99 / median) / 2.326}.
 * A median equal to the p99 gives that latency exactly, without a random draw. Samples use
 * {@link StrictMath} and the generator's {@code nextDouble()} only, so a seed gives the same
 * latencies on every JVM and platform. Immutable.
 */
final class LogNormal {
  /** The standard normal's 99th percentile. */
  static final double Z99 = 2.3263478740408408;
  private static final double MAX_NANOS = Duration.ofDays(365).toNanos();

  private final long medianNanos;
  private final double mu;
  private final double sigma;

  private LogNormal(long medianNanos, double mu, double sigma) {
    this.medianNanos = medianNanos;
    this.mu = mu;
    this.sigma = sigma;
  }

  /**
   * @throws IllegalArgumentException if the median is negative or the p99 below the median
   */
  static LogNormal of(Duration median, Duration p99) {
    if (median.isNegative()) {
      throw new IllegalArgumentException("median latency must not be negative, was " + median);
    }
    if (p99.compareTo(median) < 0) {
      throw new IllegalArgumentException("p99 latency (" + p99 + ") must not be below the median (" + median + ")");
    }
    long m = median.toNanos();
    if (m == 0 || p99.equals(median)) {
      return new LogNormal(m, 0, 0);
    }
    double mu = StrictMath.log(m);
    return new LogNormal(m, mu, (StrictMath.log(p99.toNanos()) - mu) / Z99);
  }

  long sampleNanos(SplittableRandom random) {
    if (sigma == 0) {
      return medianNanos;
    }
    // Box-Muller, one value per pair of uniforms; 1 - u keeps the logarithm's argument in (0, 1].
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    double z = StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    double nanos = StrictMath.exp(mu + sigma * z);
    return (long) Math.min(MAX_NANOS, Math.rint(nanos));
  }
}
