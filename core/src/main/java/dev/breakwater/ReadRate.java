package dev.breakwater;

/**
 * Decides from sampled reads whether a clock is read often enough to turn coarse. Each sample
 * stands for {@code readsPerSample} reads; samples are counted over periods of at least
 * {@value #PERIOD_NANOS} ns, and a period whose samples add up to more than
 * {@code readsPerSecond} reads a second says yes. Averaging over a period, rather than looking at
 * gaps between samples, keeps bursts (say, a few hundred reads within microseconds, once a
 * millisecond) from passing for a high rate.
 *
 * <p>Called racily by many threads on purpose: a lost or doubled sample only nudges a heuristic,
 * and an answer of yes is acted on by a compare-and-set elsewhere.
 */
final class ReadRate {
  /** The shortest period samples are counted over. */
  static final long PERIOD_NANOS = 16_000_000L;

  private final long samplesPerPeriod;
  private long periodStart;
  private long samples;
  private boolean started;

  /**
   * @param readsPerSample how many reads one sample stands for
   * @param readsPerSecond the rate above which {@link #sample} says yes
   */
  ReadRate(int readsPerSample, long readsPerSecond) {
    if (readsPerSample <= 0 || readsPerSecond <= 0) {
      throw new IllegalArgumentException("readsPerSample and readsPerSecond must be positive");
    }
    this.samplesPerPeriod = Math.max(1, readsPerSecond * PERIOD_NANOS / 1_000_000_000L / readsPerSample);
  }

  /**
   * Notes a sample taken at {@code nanoTime}.
   *
   * @return true if the period it ends had more than the threshold's reads a second
   */
  boolean sample(long nanoTime) {
    if (!started) {
      started = true;
      periodStart = nanoTime;
      samples = 1;
      return false;
    }
    long elapsed = nanoTime - periodStart;
    if (elapsed < PERIOD_NANOS) {
      samples++;
      return false;
    }
    // The period is over: compare its samples with what the threshold allows for its length.
    boolean often = elapsed < 2 * PERIOD_NANOS
        && samples * PERIOD_NANOS > samplesPerPeriod * elapsed;
    periodStart = nanoTime;
    samples = 1;
    return often;
  }
}
