package dev.breakwater.redis;

import java.util.Locale;

/** Durations for people, in log lines and event reasons: "750 ms", "5 s", "2.5 s", "12 min". Stateless. */
final class Readable {
  private Readable() {}

  static String millis(long millis) {
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 9_950) {
      return millis % 1_000 == 0 ? millis / 1_000 + " s"
          : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    if (millis < 120_000) {
      return Math.round(millis / 1000.0) + " s";
    }
    if (millis < 7_200_000) {
      return Math.round(millis / 60_000.0) + " min";
    }
    return Math.round(millis / 3_600_000.0) + " h";
  }
}
