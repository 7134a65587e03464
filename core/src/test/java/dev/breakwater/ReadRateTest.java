package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When the coarse clock's read rate says "turn coarse": fed synthetic sample times. */
class ReadRateTest {
  private static final long MS = 1_000_000L;
  private static final int READS_PER_SAMPLE = 256;

  /** Feeds one sample every {@code gapNanos} for {@code nanos}; true if any said yes. */
  private static boolean steady(ReadRate rate, long gapNanos, long nanos) {
    boolean yes = false;
    for (long t = 0; t < nanos; t += gapNanos) {
      yes |= rate.sample(1_000 * MS + t);
    }
    return yes;
  }

  @Test
  void twoMillionReadsASecondTurnsItCoarse() {
    // 2M reads/s = one sample every 128 µs
    assertThat(steady(new ReadRate(READS_PER_SAMPLE, 1_000_000), 128_000, 100 * MS)).isTrue();
  }

  @Test
  void halfAMillionReadsASecondDoesNot() {
    assertThat(steady(new ReadRate(READS_PER_SAMPLE, 1_000_000), 512_000, 10_000 * MS)).isFalse();
  }

  /**
   * 200,000 reads a second arriving in bursts: 200 reads within a few microseconds once a
   * millisecond (a paced loop, or a server's requests arriving together). Looking at gaps between
   * samples, two samples in one burst look like tens of millions of reads a second; averaged
   * over 16 ms it is 200,000, and the clock stays precise.
   */
  @Test
  void burstsAveragingTwoHundredThousandReadsASecondDoNot() {
    ReadRate rate = new ReadRate(READS_PER_SAMPLE, 1_000_000);
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    boolean yes = false;
    for (long ms = 0; ms < 60_000; ms++) {
      for (int read = 0; read < 200; read++) {
        if (random.nextInt(READS_PER_SAMPLE) == 0) {
          yes |= rate.sample(ms * MS + read * 20L); // 20 ns apart within the burst
        }
      }
    }
    assertThat(yes).isFalse();
  }

  @Test
  void aLongQuietGapIsNotAHighRate() {
    ReadRate rate = new ReadRate(READS_PER_SAMPLE, 1_000_000);
    for (int i = 0; i < 100; i++) {
      assertThat(rate.sample(i * MS)).isFalse(); // 256k reads/s
    }
    assertThat(rate.sample(10_000 * MS)).isFalse();
  }

  @Test
  void rejectsNonPositiveSettings() {
    assertThatThrownBy(() -> new ReadRate(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReadRate(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
