package dev.breakwater.newrelic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns validated events into gzipped JSON payloads of at most {@code maxEvents} events and
 * {@code maxBytes} compressed bytes. Events are streamed straight into the compressor; a payload
 * is closed when the compressed output nears the limit, and in the rare case that the final size
 * still exceeds it the batch is halved and encoded again. Thread-safe.
 */
final class EventEncoder implements PayloadCodec<Map<String, ?>> {
  /** Compressed output the deflater may still be holding back; see the class comment. */
  private static final int DEFLATER_SLACK = 128 * 1024;

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
  @Override
  public List<Payload<Map<String, ?>>> encode(List<? extends Map<String, ?>> events,
      List<Map<String, ?>> tooLarge) {
    List<Payload<Map<String, ?>>> payloads = new ArrayList<>();
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
      List<Payload<Map<String, ?>>> payloads, List<Map<String, ?>> tooLarge) {
    if (bytes.length <= maxBytes) {
      payloads.add(new Payload<>(List.copyOf(events.subList(from, to)), bytes));
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
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    int i = from;
    try (GzipWriter gzip = GzipWriter.start(out)) {
      EventJsonWriter json = new EventJsonWriter(gzip);
      while (i < to) {
        json.event(events.get(i++));
        if (gzip.size() > softLimit) {
          break;
        }
      }
      json.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding events in memory failed", e);
    }
    return new Encoded(out.toByteArray(), i);
  }

  @Override
  public String toJson(List<? extends Map<String, ?>> events) {
    return json(events);
  }

  /** Encodes events as plain JSON. */
  static String json(List<? extends Map<String, ?>> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      EventJsonWriter json = new EventJsonWriter(out);
      for (Map<String, ?> e : events) {
        json.event(e);
      }
      json.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
