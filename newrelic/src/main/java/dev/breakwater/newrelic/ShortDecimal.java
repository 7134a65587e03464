package dev.breakwater.newrelic;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Writes a double that has at most {@link #MAX_FRACTION_DIGITS} digits after the point and lies in
 * [10⁻³, 10⁷) as ASCII digits, the same text as Jackson's shortest round-trip formatting, without
 * building a String. Metric-like values (1234.5, 0.25) are almost always such doubles. Stateless.
 *
 * <p>Why the text is exact: for {@code j} digits after the point, {@code m = rint(|d| × 10^j)}
 * and {@code 10^j} are exact doubles below 2⁵³, so {@code m / 10^j} is correctly rounded, that is,
 * it equals {@code |d|} exactly when the decimal {@code m / 10^j} parses back to {@code d}. In this
 * range an ulp of {@code d} is below 10⁻⁸, so at most one decimal with {@code j ≤ 8} fraction digits
 * parses back to {@code d}, and {@code rint} finds it; the smallest such {@code j} is therefore the
 * shortest representation, which is the one Jackson (and Java's {@code Double.toString}) prints in
 * plain notation in this range.
 */
final class ShortDecimal {
  static final int MAX_FRACTION_DIGITS = 8;
  private static final double[] POW10_DOUBLE = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
      10_000_000L, 100_000_000L};

  private ShortDecimal() {}

  /**
   * Writes {@code d} at {@code pos} (at most 17 bytes) and returns the position after it, or returns
   * -1 and writes nothing if {@code d} is not such a double.
   */
  static int write(double d, byte[] buf, int pos) {
    double a = Math.abs(d);
    if (!(a >= 1e-3 && a < 1e7)) {
      return -1;
    }
    for (int j = 0; j <= MAX_FRACTION_DIGITS; j++) {
      double m = Math.rint(a * POW10_DOUBLE[j]);
      if (m / POW10_DOUBLE[j] == a) {
        return digits(d < 0, (long) m, j, buf, pos);
      }
    }
    return -1;
  }

  private static int digits(boolean negative, long m, int fractionDigits, byte[] buf, int pos) {
    int p = pos;
    if (negative) {
      buf[p++] = '-';
    }
    long unit = POW10[fractionDigits];
    p = NumberOutput.outputLong(m / unit, buf, p);
    buf[p++] = '.';
    if (fractionDigits == 0) {
      buf[p++] = '0';
      return p;
    }
    long fraction = m % unit;
    for (int i = fractionDigits - 1; i >= 0; i--) {
      buf[p + i] = (byte) ('0' + fraction % 10);
      fraction /= 10;
    }
    return p + fractionDigits;
  }
}
