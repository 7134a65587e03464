package dev.breakwater.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends the console's HTTP replies, each with the same defensive headers: no caching, no MIME
 * sniffing, no framing, no referrer, and a content security policy that allows nothing (the page
 * replaces it with its own). Error bodies are fixed texts: nothing from the request is echoed.
 *
 * <p>Stateless and thread-safe.
 */
final class Replies {
  static final String JSON = "application/json; charset=utf-8";
  private static final String NOTHING_ALLOWED = "default-src 'none'; frame-ancestors 'none'";

  private Replies() {}

  static void secure(Headers headers) {
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    if (!headers.containsKey("Content-Security-Policy")) {
      headers.set("Content-Security-Policy", NOTHING_ALLOWED);
    }
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    secure(headers);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static void json(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, status, JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, SnapshotJson.error(message));
  }

  /** 405 with the {@code Allow} header naming the one method the path accepts. */
  static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
    exchange.getResponseHeaders().set("Allow", allowed);
    error(exchange, 405, "method not allowed; use " + allowed);
  }
}
