package dev.breakwater.console;

import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events framing. Each event is encoded once and the same bytes go to every client.
 * Data is one line of JSON from {@link JsonWriter}, which never contains a raw line break, so an
 * event cannot be split or forged by a breaker name.
 *
 * <p>Stateless and thread-safe.
 */
final class SseFrames {
  /** A comment line: keeps idle connections (and proxies) open and detects gone clients. */
  static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

  private SseFrames() {}

  /** An event named {@code name} whose data is the one-line {@code json}. */
  static byte[] event(String name, String json) {
    if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("event data must be one line");
    }
    return ("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Tells the browser how long to wait before reconnecting after the connection drops. */
  static byte[] retry(long millis) {
    return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.US_ASCII);
  }
}
