package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code demo --live} with New Relic out of reach fails at once with the transport's reason,
 * instead of running the demo against nothing. "Out of reach" is a loopback port nobody listens
 * on, so the test sends nothing off the machine.
 */
class DemoLiveOfflineTest {
  private static final String CANARY_KEY = "canary-live-offline-1b7e";

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void anUnreachableNewRelicEndsTheLiveDemoBeforeItStartsNamingTheCause() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();
    Map<String, String> env = Map.of("NEW_RELIC_ACCOUNT_ID", "1234567",
        "NEW_RELIC_LICENSE_KEY", CANARY_KEY, "NEW_RELIC_API_KEY", CANARY_KEY,
        "NEW_RELIC_NERDGRAPH_URL", url + "/graphql", "NEW_RELIC_EVENT_API_URL", url,
        "NEW_RELIC_METRIC_API_URL", url);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"demo", "--live", "--duration", "30s", "--plain"}, env,
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("breakwater: --live: New Relic did not answer: ")
        .contains("connection refused by 127.0.0.1:").doesNotContain(CANARY_KEY);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(out.toString()).as("nothing started").isEmpty();
  }
}
