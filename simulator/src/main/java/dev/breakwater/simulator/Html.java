package dev.breakwater.simulator;

import java.util.Locale;

/** Small pieces of HTML and SVG text shared by the report's parts. Stateless. */
final class Html {
  private Html() {}

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** A coordinate to one decimal. */
  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** {@code s} cut to {@code max} characters (at least 4), with an ellipsis when cut. */
  static String clip(String s, int max) {
    int m = Math.max(4, max);
    return s.length() <= m ? s : s.substring(0, m - 1) + "…";
  }
}
