package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Control actions, origins, hosts and binding, over real HTTP on 127.0.0.1. */
class ConsoleSecurityTest {
  private static final String TOKEN = "test-token-0123456789abcdef";
  private static final String FORCE_OPEN = "{\"state\": \"FORCED_OPEN\"}";

  private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
  private final CircuitBreaker payments = registry.breaker("payments");
  private final List<HttpResponse<String>> responses = new ArrayList<>();
  private BreakwaterConsole console;

  @AfterEach
  void tokenIsNeverEchoedAndConsoleCloses() {
    for (HttpResponse<String> response : responses) {
      assertThat(response.body()).doesNotContain(TOKEN);
      assertThat(response.headers().map().toString()).doesNotContain(TOKEN);
    }
    if (console != null) {
      assertThat(console.toString()).doesNotContain(TOKEN);
      console.close();
    }
  }

  @Test
  void bindsLoopbackByDefault() throws Exception {
    console = BreakwaterConsole.builder(registry).start();
    assertThat(console.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(console.uri().getPort()).isPositive();
    assertThat(Http.get(console.uri().resolve("api/breakers")).statusCode()).isEqualTo(200);

    Optional<InetAddress> external = nonLoopbackAddress();
    assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(external.get(), console.uri().getPort()), 2_000);
      }
    }).isInstanceOf(ConnectException.class);
  }

  @Test
  void controlActionsAreOffByDefault() throws Exception {
    console = BreakwaterConsole.builder(registry).start();

    HttpResponse<String> response = post("payments", FORCE_OPEN, "Bearer " + TOKEN, null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("control actions are disabled");
    assertThat(payments.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void refusedWithoutTheToken() throws Exception {
    console = withControl();

    HttpResponse<String> response = post("payments", FORCE_OPEN, null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        value -> assertThat(value).startsWith("Bearer"));
    assertThat(payments.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void refusedWithAWrongToken() throws Exception {
    console = withControl();

    for (String authorization : List.of("Bearer " + TOKEN.substring(1), "Bearer " + TOKEN + "0",
        "Bearer wrong", "Basic " + TOKEN, TOKEN)) {
      assertThat(post("payments", FORCE_OPEN, authorization, null).statusCode())
          .as(authorization.replace(TOKEN, "<token>")).isEqualTo(401);
    }
    assertThat(payments.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void refusedViaGetOrAnyMethodButPost() throws Exception {
    console = withControl();
    URI state = stateUri("payments");

    for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(state)
          .method(method, method.equals("GET") || method.equals("DELETE")
              ? BodyPublishers.noBody() : BodyPublishers.ofString(FORCE_OPEN))
          .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json"));
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }
    assertThat(payments.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void refusedFromAnotherOriginEvenWithTheToken() throws Exception {
    console = withControl();

    assertThat(post("payments", FORCE_OPEN, "Bearer " + TOKEN, "http://evil.example").statusCode())
        .isEqualTo(403);
    assertThat(post("payments", FORCE_OPEN, "Bearer " + TOKEN, "null").statusCode())
        .isEqualTo(403);
    assertThat(post("payments", FORCE_OPEN, "Bearer " + TOKEN,
        "http://localhost:" + console.uri().getPort()).statusCode())
        .as("Origin localhost while the request went to 127.0.0.1").isEqualTo(403);
    HttpResponse<String> crossSite = send(request("payments", FORCE_OPEN, "Bearer " + TOKEN, null)
        .header("Sec-Fetch-Site", "cross-site"));
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(payments.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void acceptedWithTheTokenFromThePagesOriginOrWithoutOrigin() throws Exception {
    console = withControl();
    String pageOrigin = "http://127.0.0.1:" + console.uri().getPort();

    HttpResponse<String> forced = post("payments", FORCE_OPEN, "Bearer " + TOKEN, pageOrigin);
    assertThat(forced.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(forced.body()).get("state").asText())
        .isEqualTo("FORCED_OPEN");
    assertThat(payments.state()).isEqualTo(CircuitState.FORCED_OPEN);

    assertThat(post("payments", "{\"state\":\"DISABLED\"}", "Bearer " + TOKEN, null).statusCode())
        .isEqualTo(200);
    assertThat(payments.state()).isEqualTo(CircuitState.DISABLED);

    assertThat(post("payments", " { \"state\" : \"CLOSED\" } ", "bearer " + TOKEN, pageOrigin)
        .statusCode()).isEqualTo(200);
    assertThat(payments.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void namesAreTakenFromTheEncodedPathSegment() throws Exception {
    CircuitBreaker odd = registry.breaker("a/b c+d é");
    console = withControl();

    assertThat(post("a/b c+d é", FORCE_OPEN, "Bearer " + TOKEN, null).statusCode()).isEqualTo(200);
    assertThat(odd.state()).isEqualTo(CircuitState.FORCED_OPEN);
    assertThat(post("nobody", FORCE_OPEN, "Bearer " + TOKEN, null).statusCode()).isEqualTo(404);
  }

  @Test
  void malformedRequestsAreRefusedWithTheirOwnStatus() throws Exception {
    console = withControl();
    String bearer = "Bearer " + TOKEN;

    assertThat(send(request("payments", FORCE_OPEN, bearer, null)
        .setHeader("Content-Type", "text/plain")).statusCode()).isEqualTo(415);
    for (String body : List.of("{\"state\":\"OPEN\"}", "{\"state\":\"HALF_OPEN\"}", "FORCED_OPEN",
        "{\"state\":\"FORCED_OPEN\",\"x\":1}", "")) {
      assertThat(post("payments", body, bearer, null).statusCode()).as(body).isEqualTo(400);
    }
    assertThat(post("payments", " ".repeat(2_000) + FORCE_OPEN, bearer, null).statusCode())
        .isEqualTo(413);
    String malformed = Http.raw(console.uri(), "POST /api/breakers/%zz/state HTTP/1.1\nHost: "
        + console.uri().getAuthority() + "\nAuthorization: " + bearer
        + "\nContent-Type: application/json\nContent-Length: " + FORCE_OPEN.length()
        + "\nConnection: close\n\n" + FORCE_OPEN);
    assertThat(malformed).startsWith("HTTP/1.1 400").doesNotContain(TOKEN);
    assertThat(payments.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void aForeignHostHeaderIsRefusedAgainstDnsRebinding() throws Exception {
    console = BreakwaterConsole.builder(registry).start();
    int port = console.uri().getPort();

    String rebound = Http.raw(console.uri(), "GET /api/breakers HTTP/1.1\nHost: evil.example:"
        + port + "\nConnection: close\n\n");
    String own = Http.raw(console.uri(), "GET /api/breakers HTTP/1.1\nHost: localhost:" + port
        + "\nConnection: close\n\n");

    assertThat(rebound).startsWith("HTTP/1.1 403").doesNotContain("payments");
    assertThat(own).startsWith("HTTP/1.1 200").contains("payments");
  }

  @Test
  void neverFetchesOrProxiesAUrlAndServesOnlyItsOwnPaths() throws Exception {
    console = BreakwaterConsole.builder(registry).start();

    for (String path : List.of("http://example.com/", "api/proxy?url=http%3A%2F%2Fexample.com",
        "favicon.ico", "api/breakers/payments", "../etc/passwd")) {
      HttpResponse<String> response = Http.get(console.uri().resolve(path.replace("http://", "http%3A//")));
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).isEqualTo("{\"error\":\"not found\"}");
    }
    HttpResponse<String> page = Http.get(console.uri());
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).startsWith("default-src 'none'").contains("connect-src 'self'"));
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void theBuilderValidatesAsItGoes() {
    BreakwaterConsole.Builder builder = BreakwaterConsole.builder(registry);
    assertThatThrownBy(() -> builder.port(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be in [0, 65535], was -1");
    assertThatThrownBy(() -> builder.port(65_536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.samplingInterval(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("samplingInterval must be in [PT0.1S, PT1M], was PT0.01S");
    assertThatThrownBy(() -> builder.samplingInterval(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.enableControl("tiny")).isInstanceOf(IllegalArgumentException.class)
        .message().doesNotContain("tiny");
    assertThatThrownBy(() -> BreakwaterConsole.builder(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.address(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aPortInUseIsAClearError() {
    console = BreakwaterConsole.builder(registry).start();
    int port = console.uri().getPort();

    assertThatThrownBy(() -> BreakwaterConsole.builder(registry).port(port).start())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot bind the Breakwater console to 127.0.0.1:" + port);
  }

  private BreakwaterConsole withControl() {
    return BreakwaterConsole.builder(registry).enableControl(TOKEN).start();
  }

  private URI stateUri(String name) {
    return console.uri().resolve("api/breakers/"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/state");
  }

  private HttpRequest.Builder request(String name, String body, String authorization,
      String origin) {
    HttpRequest.Builder request = HttpRequest.newBuilder(stateUri(name))
        .POST(BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (origin != null) {
      request.header("Origin", origin);
    }
    return request;
  }

  private HttpResponse<String> post(String name, String body, String authorization, String origin)
      throws Exception {
    return send(request(name, body, authorization, origin));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = Http.send(request);
    responses.add(response);
    return response;
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
