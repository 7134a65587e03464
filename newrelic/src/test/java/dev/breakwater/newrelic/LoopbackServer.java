package dev.breakwater.newrelic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bare HTTP server on 127.0.0.1 for answers FakeNewRelic does not give (redirects, oversized
 * bodies). It records the headers of every request it receives. Close it after each test.
 */
final class LoopbackServer implements AutoCloseable {
  /** Answers one exchange; the request body is already read. */
  @FunctionalInterface
  interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();

  private LoopbackServer(Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        requests.add(Map.copyOf(exchange.getRequestHeaders()));
        answer.answer(exchange);
      }
    });
    server.start();
  }

  static LoopbackServer start(Answer answer) {
    try {
      return new LoopbackServer(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers every request with {@code status} and a body of {@code bodyBytes} bytes of JSON-ish filler. */
  static LoopbackServer answering(int status, int bodyBytes) {
    return start(exchange -> {
      exchange.sendResponseHeaders(status, bodyBytes);
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, (byte) ' ');
      for (int left = bodyBytes; left > 0; left -= chunk.length) {
        exchange.getResponseBody().write(chunk, 0, Math.min(left, chunk.length));
      }
    });
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The headers of every request received, in arrival order. */
  List<Map<String, List<String>>> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
