package dev.breakwater.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * {@code GET /api/stream}: Server-Sent Events. The client gets a reconnect delay and a full
 * snapshot, then every state change at once and a sample each interval, and a ping comment when
 * there is nothing to say, which also notices browsers that went away. The HTTP thread that
 * serves the request stays with the client until it leaves or the console closes.
 *
 * <p>Thread-safe.
 */
final class EventStream {
  static final int MAX_CLIENTS = 256;
  private static final long HEARTBEAT_NANOS = 15_000_000_000L;

  private final Feed feed;
  private final SseHub hub;

  EventStream(Feed feed, SseHub hub) {
    this.feed = feed;
    this.hub = hub;
  }

  void serve(HttpExchange exchange) throws IOException {
    SseClient client = feed.join();
    if (client == null) {
      exchange.getResponseHeaders().set("Retry-After", "5");
      Replies.error(exchange, 503, "too many stream clients, or the console is closing");
      return;
    }
    try {
      Headers headers = exchange.getResponseHeaders();
      headers.set("Content-Type", "text/event-stream; charset=utf-8");
      headers.set("X-Accel-Buffering", "no");
      Replies.secure(headers);
      exchange.sendResponseHeaders(200, 0);
      client.pump(exchange.getResponseBody(), HEARTBEAT_NANOS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      hub.remove(client);
      client.close();
    }
  }
}
