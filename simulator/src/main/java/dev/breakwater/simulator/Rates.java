package dev.breakwater.simulator;

import java.math.BigDecimal;

/** Numbers for people and for config snippets: {@code 10}, {@code 2.5}, never {@code 10.0} or {@code 1E+1}. Stateless. */
final class Rates {
  private Rates() {}

  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
