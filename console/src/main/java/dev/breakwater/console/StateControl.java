package dev.breakwater.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /api/breakers/{name}/state} with {@code {"state": "FORCED_OPEN" | "DISABLED" |
 * "CLOSED"}}: force a breaker open, disable it, or close it (reset). Checked in this order, each
 * refusal with its own status: POST only (405), control enabled at start (403), same origin or no
 * {@code Origin} (403), {@code Authorization: Bearer <token>} (401), a JSON body (415), exactly
 * that body (400), a breaker of that name (404). Accepted actions are logged without the token.
 *
 * <p>Immutable and thread-safe.
 */
final class StateControl {
  private static final System.Logger LOG = System.getLogger(BreakwaterConsole.class.getName());
  private static final int MAX_BODY_BYTES = 1024;
  private static final Pattern BODY =
      Pattern.compile("\\s*\\{\\s*\"state\"\\s*:\\s*\"([A-Z_]{1,20})\"\\s*}\\s*");
  private static final String EXPECTED_BODY =
      "body must be {\"state\": \"FORCED_OPEN\" | \"DISABLED\" | \"CLOSED\"}";

  private final CircuitBreakerRegistry registry;
  private final HostCheck hosts;
  private final ControlToken token; // null: control actions are off

  StateControl(CircuitBreakerRegistry registry, HostCheck hosts, ControlToken token) {
    this.registry = registry;
    this.hosts = hosts;
    this.token = token;
  }

  void handle(HttpExchange exchange, String breakerName) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      Replies.methodNotAllowed(exchange, "POST");
      return;
    }
    if (token == null) {
      Replies.error(exchange, 403, "control actions are disabled; start the console with"
          + " BreakwaterConsole.builder(registry).enableControl(token)");
      return;
    }
    Headers headers = exchange.getRequestHeaders();
    if (!hosts.allowsOrigin(headers.getFirst("Origin"), headers.getFirst("Sec-Fetch-Site"),
        headers.getFirst("Host"))) {
      LOG.log(Level.WARNING, "Breakwater console: refused a control action from another origin");
      Replies.error(exchange, 403, "cross-origin control actions are refused");
      return;
    }
    if (!token.matchesAuthorization(headers.getFirst("Authorization"))) {
      LOG.log(Level.WARNING, "Breakwater console: refused a control action without a valid token");
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"breakwater-console\"");
      Replies.error(exchange, 401, "control actions need the header Authorization: Bearer <token>");
      return;
    }
    String contentType = headers.getFirst("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      Replies.error(exchange, 415, "Content-Type must be application/json");
      return;
    }
    Optional<String> body = readBody(exchange.getRequestBody());
    if (body.isEmpty()) {
      Replies.error(exchange, 413, "body too large; " + EXPECTED_BODY);
      return;
    }
    Matcher matcher = BODY.matcher(body.get());
    Optional<CircuitState> target = matcher.matches() ? target(matcher.group(1)) : Optional.empty();
    if (target.isEmpty()) {
      Replies.error(exchange, 400, EXPECTED_BODY);
      return;
    }
    Optional<CircuitBreaker> breaker = registry.find(breakerName);
    if (breaker.isEmpty()) {
      Replies.error(exchange, 404, "no breaker of that name");
      return;
    }
    CircuitState before = breaker.get().state();
    apply(breaker.get(), target.get());
    LOG.log(Level.INFO, () -> "Breakwater console: control action moved breaker "
        + JsonWriter.quoted(breakerName) + " from " + before + " to " + target.get());
    Replies.json(exchange, 200, new JsonWriter().beginObject()
        .name("name").value(breakerName)
        .name("state").value(breaker.get().state().name())
        .endObject().toString());
  }

  private static Optional<CircuitState> target(String state) {
    return switch (state) {
      case "FORCED_OPEN" -> Optional.of(CircuitState.FORCED_OPEN);
      case "DISABLED" -> Optional.of(CircuitState.DISABLED);
      case "CLOSED" -> Optional.of(CircuitState.CLOSED);
      default -> Optional.empty();
    };
  }

  private static void apply(CircuitBreaker breaker, CircuitState target) {
    switch (target) {
      case FORCED_OPEN -> breaker.forceOpen();
      case DISABLED -> breaker.disable();
      default -> breaker.reset();
    }
  }

  /** The body as text, or empty if it is longer than {@link #MAX_BODY_BYTES}. */
  private static Optional<String> readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      return Optional.empty();
    }
    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }
}
