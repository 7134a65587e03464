package dev.breakwater.console;

import java.util.BitSet;

/**
 * Writes one JSON text by hand, so the console needs no JSON library. Strings are escaped for
 * JSON and also for safe embedding in HTML and in Server-Sent Events: {@code < > & '} and the
 * line separators U+2028/U+2029 become {@code \}{@code uXXXX} escapes, every control character is
 * escaped, and an unpaired surrogate is written as an escape instead of being lost in UTF-8. The
 * output therefore never contains a raw line break or {@code </script}. Non-finite numbers are
 * written as {@code null}.
 *
 * <p>Not thread-safe; one writer builds one text.
 */
final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder(256);
  // One bit per open container: set while it has no element yet.
  private final BitSet empty = new BitSet();
  private int depth;
  private boolean afterName;

  JsonWriter beginObject() {
    separate();
    out.append('{');
    open();
    return this;
  }

  JsonWriter endObject() {
    close();
    out.append('}');
    return this;
  }

  JsonWriter beginArray() {
    separate();
    out.append('[');
    open();
    return this;
  }

  JsonWriter endArray() {
    close();
    out.append(']');
    return this;
  }

  /** Writes a member name; the next call writes its value. */
  JsonWriter name(String name) {
    separate();
    quote(out, name);
    out.append(':');
    afterName = true;
    return this;
  }

  JsonWriter value(String value) {
    separate();
    if (value == null) {
      out.append("null");
    } else {
      quote(out, value);
    }
    return this;
  }

  JsonWriter value(long value) {
    separate();
    out.append(value);
    return this;
  }

  /** Writes a number rounded to three decimals, or {@code null} if it is NaN or infinite. */
  JsonWriter value(double value) {
    separate();
    if (!Double.isFinite(value)) {
      out.append("null");
    } else if (Math.abs(value) < 1e12) {
      out.append(Math.round(value * 1000.0) / 1000.0);
    } else {
      out.append(value);
    }
    return this;
  }

  JsonWriter value(boolean value) {
    separate();
    out.append(value);
    return this;
  }

  JsonWriter nullValue() {
    separate();
    out.append("null");
    return this;
  }

  @Override
  public String toString() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " JSON container(s) left open");
    }
    return out.toString();
  }

  private void open() {
    depth++;
    empty.set(depth);
  }

  private void close() {
    if (depth == 0) {
      throw new IllegalStateException("no JSON container to close");
    }
    empty.clear(depth);
    depth--;
  }

  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (empty.get(depth)) {
        empty.clear(depth);
      } else {
        out.append(',');
      }
    }
  }

  /** Returns {@code s} as a quoted JSON string; safe to log (no line breaks, no control characters). */
  static String quoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2);
    quote(out, s);
    return out.toString();
  }

  /** Appends {@code s} as a quoted JSON string, escaped as the class javadoc describes. */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '\'', '\u2028', '\u2029', '\u007f' -> unicodeEscape(out, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            unicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
        .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
  }
}
