package dev.breakwater.newrelic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Turns validated events into gzipped JSON payloads of at most {@code maxEvents} events and
 * {@code maxBytes} compressed bytes. Events are streamed straight into the compressor; a payload
 * is closed when the compressed output nears the limit, and in the rare case that the final size
 * still exceeds it the batch is halved and encoded again. Thread-safe.
 */
final class EventEncoder {
  /** Compressed output the deflater may still be holding back; see the class comment. */
  private static final int DEFLATER_SLACK = 128 * 1024;
  private static final JsonFactory JSON = new JsonFactory();

  private final int maxEvents;
  private final int maxBytes;

  EventEncoder(int maxEvents, int maxBytes) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  /**
   * Encodes {@code events} into payloads, in order.
   *
   * @param tooLarge receives each single event that alone exceeds {@code maxBytes} compressed
   */
  List<Payload> encode(List<? extends Map<String, ?>> events, List<Map<String, ?>> tooLarge) {
    List<Payload> payloads = new ArrayList<>();
    int i = 0;
    while (i < events.size()) {
      int end = Math.min(events.size(), i + maxEvents);
      Encoded e = encodeRange(events, i, end, maxBytes - Math.min(DEFLATER_SLACK, maxBytes / 2));
      addFitting(events, i, e.end, e.bytes, payloads, tooLarge);
      i = e.end;
    }
    return payloads;
  }

  private void addFitting(List<? extends Map<String, ?>> events, int from, int to, byte[] bytes,
      List<Payload> payloads, List<Map<String, ?>> tooLarge) {
    if (bytes.length <= maxBytes) {
      payloads.add(new Payload(List.copyOf(events.subList(from, to)), bytes));
    } else if (to - from == 1) {
      tooLarge.add(events.get(from));
    } else {
      int mid = (from + to) >>> 1;
      addFitting(events, from, mid, encodeRange(events, from, mid, Integer.MAX_VALUE).bytes,
          payloads, tooLarge);
      addFitting(events, mid, to, encodeRange(events, mid, to, Integer.MAX_VALUE).bytes,
          payloads, tooLarge);
    }
  }

  /** A payload's bytes and the index after its last event. */
  private record Encoded(byte[] bytes, int end) {}

  /** Encodes events from {@code from} until {@code to}, or until the output passes {@code softLimit}. */
  private static Encoded encodeRange(List<? extends Map<String, ?>> events, int from, int to,
      int softLimit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
    int i = from;
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8 * 1024);
         JsonGenerator json = JSON.createGenerator(gzip, JsonEncoding.UTF8)) {
      json.writeStartArray();
      while (i < to) {
        writeEvent(json, events.get(i++));
        if (out.size() > softLimit) {
          break;
        }
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding events in memory failed", e);
    }
    return new Encoded(out.toByteArray(), i);
  }

  /** Encodes events as plain JSON, for audit logging. */
  static String toJson(List<? extends Map<String, ?>> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartArray();
      for (Map<String, ?> e : events) {
        writeEvent(json, e);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  static void writeEvent(JsonGenerator json, Map<String, ?> event) throws IOException {
    json.writeStartObject();
    for (Map.Entry<String, ?> e : event.entrySet()) {
      json.writeFieldName(e.getKey());
      writeValue(json, e.getValue());
    }
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, Object v) throws IOException {
    if (v instanceof String) {
      json.writeString((String) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      json.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      json.writeNumber(((Number) v).doubleValue());
    } else if (v instanceof Boolean) {
      json.writeBoolean((Boolean) v);
    } else if (v instanceof BigDecimal) {
      json.writeNumber((BigDecimal) v);
    } else if (v instanceof BigInteger) {
      json.writeNumber((BigInteger) v);
    } else {
      throw new IllegalArgumentException("cannot encode a " + (v == null ? "null" : v.getClass().getName())
          + "; validate events before encoding");
    }
  }
}
