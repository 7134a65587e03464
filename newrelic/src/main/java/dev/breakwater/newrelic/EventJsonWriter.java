package dev.breakwater.newrelic;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes validated events (flat maps of strings, numbers and booleans) as a JSON array of UTF-8
 * bytes, straight into a buffer: attribute names are encoded once per payload, ASCII text is copied
 * byte by byte, integers are written without a detour through strings, doubles with few decimals
 * likewise ({@link ShortDecimal}), other doubles with Jackson's shortest round-trip formatting. It
 * exists because the encoder's Java part is on the Event API's hot path; everything else uses
 * Jackson. Not thread-safe; one per payload.
 */
final class EventJsonWriter {
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int MAX_CACHED_NAMES = 1024;

  private final OutputStream out;
  private final byte[] buf = new byte[64 * 1024];
  private final Map<String, byte[]> names = new HashMap<>();
  // Events of a batch usually share their attribute names, in the same order, as the same String
  // instances: remembering the previous event's names by position makes most lookups one compare.
  private String[] lastNames = new String[16];
  private byte[][] lastEncoded = new byte[16][];
  private int pos;
  private boolean firstEvent = true;

  EventJsonWriter(OutputStream out) {
    this.out = out;
    buf[pos++] = '[';
  }

  void event(Map<String, ?> event) throws IOException {
    room(2);
    if (!firstEvent) {
      buf[pos++] = ',';
    }
    firstEvent = false;
    buf[pos++] = '{';
    int index = 0;
    for (Map.Entry<String, ?> e : event.entrySet()) {
      name(e.getKey(), index++);
      value(e.getValue());
    }
    room(1);
    buf[pos++] = '}';
  }

  /** Ends the array and hands every byte to the stream (which stays open). */
  void finish() throws IOException {
    room(1);
    buf[pos++] = ']';
    flush();
  }


  private void name(String name, int index) throws IOException {
    byte[] encoded;
    if (index < lastNames.length && lastNames[index] == name) {
      encoded = lastEncoded[index];
    } else {
      encoded = names.get(name);
      if (encoded == null) {
        encoded = encodeName(name);
        if (names.size() < MAX_CACHED_NAMES) {
          names.put(name, encoded);
        }
      }
      remember(name, encoded, index);
    }
    room(encoded.length + 1);
    if (index > 0) {
      buf[pos++] = ',';
    }
    System.arraycopy(encoded, 0, buf, pos, encoded.length);
    pos += encoded.length;
  }

  private void remember(String name, byte[] encoded, int index) {
    if (index >= lastNames.length) {
      if (index >= 256) {
        return;
      }
      lastNames = java.util.Arrays.copyOf(lastNames, index * 2);
      lastEncoded = java.util.Arrays.copyOf(lastEncoded, index * 2);
    }
    lastNames[index] = name;
    lastEncoded[index] = encoded;
  }

  private byte[] encodeName(String name) throws IOException {
    room(name.length() * 6 + 3); // so that nothing is flushed between start and end
    int start = pos;
    string(name);
    room(1);
    buf[pos++] = ':';
    byte[] encoded = java.util.Arrays.copyOfRange(buf, start, pos);
    pos = start;
    return encoded;
  }

  private void value(Object v) throws IOException {
    if (v instanceof String) {
      string((String) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      integer(((Number) v).longValue());
    } else if (v instanceof Double) {
      decimal((Double) v);
    } else if (v instanceof Boolean) {
      byte[] b = (Boolean) v ? TRUE : FALSE;
      room(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    } else if (v instanceof Float) {
      ascii(NumberOutput.toString((Float) v, true));
    } else if (v instanceof BigDecimal || v instanceof BigInteger) {
      ascii(v.toString());
    } else {
      throw new IllegalArgumentException("cannot encode a " + (v == null ? "null" : v.getClass().getName())
          + "; validate events before encoding");
    }
  }

  private void string(String s) throws IOException {
    int length = s.length();
    room(length * 6 + 2); // the worst case: every char a six-byte escape
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        b[p++] = (byte) c;
      } else if (c < 0x80) {
        p = escape(c, p);
      } else if (c < 0x800) {
        b[p++] = (byte) (0xc0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xf0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        p = unicodeEscape(0xfffd, p); // a lone surrogate is not text; send the replacement char
      } else {
        b[p++] = (byte) (0xe0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    b[p++] = '"';
    pos = p;
  }

  private int escape(char c, int p) {
    byte[] b = buf;
    switch (c) {
      case '"': b[p++] = '\\'; b[p++] = '"'; return p;
      case '\\': b[p++] = '\\'; b[p++] = '\\'; return p;
      case '\n': b[p++] = '\\'; b[p++] = 'n'; return p;
      case '\r': b[p++] = '\\'; b[p++] = 'r'; return p;
      case '\t': b[p++] = '\\'; b[p++] = 't'; return p;
      case '\b': b[p++] = '\\'; b[p++] = 'b'; return p;
      case '\f': b[p++] = '\\'; b[p++] = 'f'; return p;
      default: return unicodeEscape(c, p);
    }
  }

  private int unicodeEscape(int c, int p) {
    byte[] b = buf;
    b[p++] = '\\';
    b[p++] = 'u';
    b[p++] = HEX[(c >> 12) & 0xf];
    b[p++] = HEX[(c >> 8) & 0xf];
    b[p++] = HEX[(c >> 4) & 0xf];
    b[p++] = HEX[c & 0xf];
    return p;
  }

  private void integer(long v) throws IOException {
    room(20);
    pos = NumberOutput.outputLong(v, buf, pos);
  }

  private void decimal(double d) throws IOException {
    room(17);
    int end = ShortDecimal.write(d, buf, pos);
    if (end < 0) {
      ascii(NumberOutput.toString(d, true));
    } else {
      pos = end;
    }
  }

  private void ascii(String s) throws IOException {
    int length = s.length();
    room(length);
    for (int i = 0; i < length; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  private void room(int bytes) throws IOException {
    if (pos + bytes > buf.length) {
      flush();
      if (bytes > buf.length) {
        throw new IllegalArgumentException("a single value needs " + bytes + " bytes; validate events first");
      }
    }
  }

  private void flush() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
  }
}
