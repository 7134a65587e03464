package dev.breakwater.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of one grid setting: {@code a..b} (whole numbers by 1; decimals and durations in
 * {@value #DEFAULT_POINTS} evenly spaced values, durations rounded to the millisecond),
 * {@code a..b:step}, {@code v1|v2|v3}, or one value. Stateless.
 */
final class GridValues {
  static final int DEFAULT_POINTS = 5;
  static final int MAX_VALUES = 1_000;

  private GridValues() {}

  /**
   * @throws IllegalArgumentException naming the setting and what is wrong with its values
   */
  static List<Object> expand(ConfigKeys.Key key, String text) {
    String t = text.strip();
    List<Object> values = new ArrayList<>();
    if (t.contains("|")) {
      for (String v : t.split("\\|", -1)) {
        values.add(ConfigKeys.value(key, v));
      }
      return values;
    }
    int range = t.indexOf("..");
    if (range < 0) {
      return List.of(ConfigKeys.value(key, t));
    }
    String upper = t.substring(range + 2);
    int colon = upper.indexOf(':');
    String stepText = colon < 0 ? null : upper.substring(colon + 1);
    Object from = ConfigKeys.value(key, t.substring(0, range));
    Object to = ConfigKeys.value(key, colon < 0 ? upper : upper.substring(0, colon));
    Object step = stepText == null ? null : ConfigKeys.value(key, stepText);
    String where = key.name() + "=" + t;
    switch (key.kind()) {
      case WHOLE -> {
        long a = (Integer) from;
        long b = (Integer) to;
        long s = step == null ? 1 : (Integer) step;
        check(where, a <= b, s > 0, (b - a) / Math.max(1, s) + 1);
        for (long v = a; v <= b; v += s) {
          values.add((int) v);
        }
      }
      case DECIMAL -> {
        BigDecimal a = BigDecimal.valueOf((Double) from);
        BigDecimal b = BigDecimal.valueOf((Double) to);
        BigDecimal s = step == null ? null : BigDecimal.valueOf((Double) step);
        for (BigDecimal v : decimals(where, a, b, s, 6)) {
          values.add(v.doubleValue());
        }
      }
      default -> {
        BigDecimal a = BigDecimal.valueOf(((Duration) from).toNanos());
        BigDecimal b = BigDecimal.valueOf(((Duration) to).toNanos());
        BigDecimal s = step == null ? null : BigDecimal.valueOf(((Duration) step).toNanos());
        for (BigDecimal v : decimals(where, a, b, s, -6)) {
          values.add(Duration.ofNanos(v.longValueExact()));
        }
      }
    }
    return values;
  }

  /**
   * From {@code a} to {@code b} by {@code step}, or in {@value #DEFAULT_POINTS} evenly spaced
   * values rounded to {@code scale} decimals (a negative scale rounds to tens, thousands...).
   */
  private static List<BigDecimal> decimals(String where, BigDecimal a, BigDecimal b, BigDecimal step, int scale) {
    List<BigDecimal> values = new ArrayList<>();
    if (step == null) {
      check(where, a.compareTo(b) <= 0, true, 1);
      if (a.compareTo(b) == 0) {
        return List.of(a);
      }
      BigDecimal gap = b.subtract(a).divide(BigDecimal.valueOf(DEFAULT_POINTS - 1L), 12, RoundingMode.HALF_UP);
      for (int k = 0; k < DEFAULT_POINTS; k++) {
        BigDecimal v = k == DEFAULT_POINTS - 1 ? b : a.add(gap.multiply(BigDecimal.valueOf(k)));
        v = v.setScale(scale, RoundingMode.HALF_UP);
        if (values.isEmpty() || values.get(values.size() - 1).compareTo(v) != 0) {
          values.add(v);
        }
      }
      return values;
    }
    boolean positive = step.signum() > 0;
    check(where, a.compareTo(b) <= 0, positive,
        positive ? b.subtract(a).divide(step, 0, RoundingMode.FLOOR).longValue() + 1 : 0);
    for (BigDecimal v = a; v.compareTo(b) <= 0; v = v.add(step)) {
      values.add(v);
    }
    return values;
  }

  private static void check(String where, boolean ordered, boolean positiveStep, long count) {
    if (!ordered) {
      throw new IllegalArgumentException(where + ": a range runs from the smaller value to the larger");
    }
    if (!positiveStep) {
      throw new IllegalArgumentException(where + ": the step must be greater than zero");
    }
    if (count > MAX_VALUES) {
      throw new IllegalArgumentException(where + ": more than " + MAX_VALUES + " values; give a larger step");
    }
  }
}
