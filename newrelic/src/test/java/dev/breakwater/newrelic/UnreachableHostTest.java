package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.breakwater.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * No network: a closed port, a name that does not resolve, a host that never accepts. Each fails
 * in seconds, not after the breaker's 20 or 30 s timeout, with a message that names the host and
 * the cause. Everything here stays on 127.0.0.1; names resolve only from the test hosts file.
 */
class UnreachableHostTest {
  private static final URI NEW_RELIC = URI.create("https://api.newrelic.com/graphql");

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static NewRelicConfig everythingAt(URI base) {
    return NewRelicConfig.builder().accountId(42).licenseKey(Canary.LICENSE_KEY).userKey(Canary.USER_KEY)
        .eventApiUrl(base).metricApiUrl(base).nerdGraphUrl(base).build();
  }

  @Test
  void aClosedPortIsAConnectionRefusedNamingHostAndPort() throws Exception {
    int port = closedPort();
    NewRelicConfig config = everythingAt(URI.create("http://127.0.0.1:" + port));
    String refused = "connection refused by 127.0.0.1:" + port;

    EventApiClient events = EventApiClient.builder(config).maxRetries(0).build();
    DeliveryReport report = events.send(List.of(Map.of("eventType", "Probe")));
    assertThat(report.undeliveredReason()).isEqualTo("retries exhausted (" + refused + ")");
    assertThat(events.breaker().stats().lastError()).hasValueSatisfying(e -> assertThat(e).contains(refused));

    NerdGraphClient nerdGraph = NerdGraphClient.builder(config).build();
    assertThatThrownBy(() -> nerdGraph.nrql(42, "SELECT count(*) FROM Probe"))
        .isInstanceOf(NerdGraphException.class)
        .hasMessage("NerdGraph request failed: " + refused);
  }

  @Test
  void aNameThatDoesNotResolveSaysSo() {
    assumeTrue(System.getProperty("jdk.net.hosts.file") != null,
        "only with the test hosts file, so that no DNS query leaves the machine");
    NerdGraphClient nerdGraph = NerdGraphClient.builder(everythingAt(URI.create("https://nonexistent.invalid")))
        .build();
    assertThatThrownBy(() -> nerdGraph.nrql(42, "SELECT count(*) FROM Probe"))
        .hasMessage("NerdGraph request failed: cannot resolve nonexistent.invalid");
    assertThat(nerdGraph.breaker().stats().totalFailures()).isEqualTo(1);
  }

  @Test
  void aHostThatNeverAcceptsTimesOutOnTheConnectTimeoutNotTheBreakersTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Never accepted, the listen queue fills; after that the kernel ignores new connections.
      List<Socket> queued = new ArrayList<>();
      boolean full = false;
      try {
        for (int i = 0; i < 64 && !full; i++) {
          Socket s = new Socket();
          try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()), 200);
            queued.add(s);
          } catch (SocketTimeoutException e) {
            full = true;
            s.close();
          }
        }
        assumeTrue(full, "this kernel answers connections beyond the listen queue");
        URI base = URI.create("http://127.0.0.1:" + silent.getLocalPort());
        NerdGraphClient nerdGraph = NerdGraphClient.builder(everythingAt(base))
            .connectTimeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> nerdGraph.nrql(42, "SELECT count(*) FROM Probe"))
            .hasMessage("NerdGraph request failed: cannot connect to 127.0.0.1:" + silent.getLocalPort()
                + " within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isLessThan(Duration.ofSeconds(10)).isLessThan(nerdGraph.breaker().config().timeout());
        assertThat(nerdGraph.breaker().stats().totalTimeouts()).as("not the call's timeout").isZero();
        assertThat(nerdGraph.breaker().stats().totalFailures()).isEqualTo(1);
      } finally {
        for (Socket s : queued) {
          s.close();
        }
      }
    }
  }

  @Test
  void theJdksMessagelessConnectFailuresAreDescribed() {
    Optional<Duration> fiveSeconds = Optional.of(Duration.ofSeconds(5));
    assertThat(describe(connect(new UnresolvedAddressException()), fiveSeconds))
        .isEqualTo("cannot resolve api.newrelic.com");
    assertThat(describe(new UnknownHostException("api.newrelic.com"), fiveSeconds))
        .isEqualTo("cannot resolve api.newrelic.com");
    assertThat(describe(connect(new ConnectException("Connection refused")), fiveSeconds))
        .isEqualTo("connection refused by api.newrelic.com:443");
    assertThat(describe(connect(new ClosedChannelException()), fiveSeconds))
        .isEqualTo("connection refused by api.newrelic.com:443");
    assertThat(describe(new HttpConnectTimeoutException("HTTP connect timed out"), fiveSeconds))
        .isEqualTo("cannot connect to api.newrelic.com:443 within 5 s");
    assertThat(describe(new HttpConnectTimeoutException("HTTP connect timed out"), Optional.empty()))
        .isEqualTo("cannot connect to api.newrelic.com:443: connect timed out");
    assertThat(describe(connect(new NoRouteToHostException("No route to host")), fiveSeconds))
        .isEqualTo("no route to api.newrelic.com:443");
    assertThat(describe(connect(new ConnectException("Network is unreachable")), fiveSeconds))
        .isEqualTo("cannot connect to api.newrelic.com:443: Network is unreachable");
    assertThat(UnreachableException.classify(URI.create("http://collector.example/v1"),
        connect(new ConnectException("Connection refused")), fiveSeconds).getMessage())
        .isEqualTo("connection refused by collector.example:80");
    IOException other = new IOException("HTTP/1.1 header parser received no bytes");
    assertThat(UnreachableException.classify(NEW_RELIC, other, fiveSeconds)).isSameAs(other);
  }

  /** The shape the JDK client gives: a ConnectException without a message, the cause below. */
  private static ConnectException connect(Throwable cause) {
    ConnectException e = new ConnectException();
    e.initCause(cause);
    return e;
  }

  private static String describe(IOException e, Optional<Duration> connectTimeout) {
    IOException described = UnreachableException.classify(NEW_RELIC, e, connectTimeout);
    assertThat(described).isInstanceOf(UnreachableException.class).hasCause(e);
    return described.getMessage();
  }

  @Test
  void theConnectTimeoutIsFiveSecondsUnlessSetAndOnlyForBreakwatersOwnClient() {
    NewRelicConfig config = everythingAt(URI.create("http://127.0.0.1:1"));
    assertThat(new ClientSettings(config).httpClient().connectTimeout()).contains(Duration.ofSeconds(5));
    ClientSettings twoSeconds = new ClientSettings(config);
    twoSeconds.connectTimeout(Duration.ofSeconds(2));
    assertThat(twoSeconds.httpClient().connectTimeout()).contains(Duration.ofSeconds(2));
    assertThat(twoSeconds.httpClient().followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);

    assertThatThrownBy(() -> EventApiClient.builder(config).connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be > 0, was PT0S");
    CircuitBreaker unused = CircuitBreaker.of(EventApiClient.defaultBreakerConfig());
    assertThatThrownBy(() -> EventApiClient.builder(config).breaker(unused)
        .httpClient(HttpClient.newHttpClient()).connectTimeout(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("connectTimeout applies to Breakwater's own HTTP client only; "
            + "with httpClient(...) set the connect timeout on that client");
    assertThatThrownBy(() -> BreakwaterNewRelic.builder(config).httpClient(HttpClient.newHttpClient())
        .connectTimeout(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("connectTimeout applies");
  }
}
