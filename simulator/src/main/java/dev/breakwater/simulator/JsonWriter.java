package dev.breakwater.simulator;

/**
 * Writes JSON text into a {@link StringBuilder}, one value after another, with the commas in the
 * right places; strings escaped per RFC 8259. Not thread-safe.
 */
final class JsonWriter {
  private final StringBuilder out;
  private boolean needComma;

  JsonWriter(StringBuilder out) {
    this.out = out;
  }

  JsonWriter beginObject() {
    comma();
    out.append('{');
    needComma = false;
    return this;
  }

  JsonWriter endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  JsonWriter beginArray() {
    comma();
    out.append('[');
    needComma = false;
    return this;
  }

  JsonWriter endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  JsonWriter name(String name) {
    comma();
    string(name);
    out.append(':');
    needComma = false;
    return this;
  }

  JsonWriter value(String s) {
    comma();
    if (s == null) {
      out.append("null");
    } else {
      string(s);
    }
    needComma = true;
    return this;
  }

  JsonWriter value(long n) {
    comma();
    out.append(n);
    needComma = true;
    return this;
  }

  JsonWriter value(boolean b) {
    comma();
    out.append(b);
    needComma = true;
    return this;
  }

  /** A number written exactly as given (already valid JSON), or null. */
  JsonWriter number(String literal) {
    comma();
    out.append(literal == null ? "null" : literal);
    needComma = true;
    return this;
  }

  JsonWriter field(String name, long n) {
    return name(name).value(n);
  }

  JsonWriter field(String name, String s) {
    return name(name).value(s);
  }

  JsonWriter field(String name, boolean b) {
    return name(name).value(b);
  }

  private void comma() {
    if (needComma) {
      out.append(',');
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
