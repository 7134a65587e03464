package dev.breakwater.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's one HTTP handler: checks the {@code Host} header, then routes {@code /},
 * {@code /api/breakers}, {@code /api/stream} and {@code /api/breakers/{name}/state}. Everything
 * else is 404; nothing is fetched, proxied or redirected.
 *
 * <p>Thread-safe: the server calls it on many threads at once.
 */
final class Router implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(BreakwaterConsole.class.getName());
  private static final Pattern STATE_PATH = Pattern.compile("/api/breakers/([^/]+)/state");

  private final HostCheck hosts;
  private final Page page;
  private final Feed feed;
  private final EventStream stream;
  private final StateControl control;

  Router(HostCheck hosts, Page page, Feed feed, EventStream stream, StateControl control) {
    this.hosts = hosts;
    this.page = page;
    this.feed = feed;
    this.stream = stream;
    this.control = control;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      if (!hosts.allowsHost(exchange.getRequestHeaders().getFirst("Host"))) {
        Replies.error(exchange, 403, "unexpected Host header");
        return;
      }
      route(exchange, exchange.getRequestURI().getRawPath());
    } catch (IOException clientGone) {
      LOG.log(Level.DEBUG, "Breakwater console: client went away", clientGone);
    } catch (RuntimeException bug) {
      LOG.log(Level.WARNING, "Breakwater console: request failed", bug);
      try {
        Replies.error(exchange, 500, "internal error");
      } catch (IOException | RuntimeException ignored) {
        // headers already sent or the client is gone; closing the exchange is all that is left
      }
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    boolean get = exchange.getRequestMethod().equals("GET");
    switch (path) {
      case "/", "/index.html" -> {
        if (!get) {
          Replies.methodNotAllowed(exchange, "GET");
          return;
        }
        exchange.getResponseHeaders().set("Content-Security-Policy", page.contentSecurityPolicy());
        Replies.send(exchange, 200, "text/html; charset=utf-8", page.render(feed.snapshotJson()));
      }
      case "/api/breakers" -> {
        if (get) {
          Replies.json(exchange, 200, feed.snapshotJson());
        } else {
          Replies.methodNotAllowed(exchange, "GET");
        }
      }
      case "/api/stream" -> {
        if (get) {
          stream.serve(exchange);
        } else {
          Replies.methodNotAllowed(exchange, "GET");
        }
      }
      default -> {
        Matcher state = STATE_PATH.matcher(path);
        if (!state.matches()) {
          Replies.error(exchange, 404, "not found");
          return;
        }
        String name;
        try {
          name = decode(state.group(1));
        } catch (IllegalArgumentException malformed) {
          Replies.error(exchange, 400, "malformed percent-encoding in the breaker name");
          return;
        }
        control.handle(exchange, name);
      }
    }
  }

  /** Percent-decodes one path segment ({@code +} stays a plus sign, as in any path). */
  static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
