package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HostCheckTest {
  private final HostCheck loopback = HostCheck.forBinding(BreakwaterConsole.Builder.LOOPBACK, 8099);

  @Test
  void aLoopbackConsoleAnswersOnlyToItsLoopbackNamesAndPort() {
    assertThat(loopback.allowsHost("127.0.0.1:8099")).isTrue();
    assertThat(loopback.allowsHost("localhost:8099")).isTrue();
    assertThat(loopback.allowsHost("LOCALHOST:8099")).isTrue();
    assertThat(loopback.allowsHost("[::1]:8099")).isTrue();
    assertThat(loopback.allowsHost("evil.example:8099")).as("DNS rebinding").isFalse();
    assertThat(loopback.allowsHost("127.0.0.1:8100")).isFalse();
    assertThat(loopback.allowsHost("127.0.0.1")).isFalse();
    assertThat(loopback.allowsHost("")).isFalse();
    assertThat(loopback.allowsHost(null)).isFalse();
  }

  @Test
  void anExplicitAddressAcceptsAnyHostName() throws Exception {
    HostCheck any = HostCheck.forBinding(InetAddress.getByName("0.0.0.0"), 8099);
    assertThat(any.allowsHost("build-box.internal:8099")).isTrue();
    assertThat(any.allowsHost(null)).isFalse();
  }

  @Test
  void theOriginMustBeThePagesOwnOrAbsent() {
    assertThat(loopback.allowsOrigin(null, null, "127.0.0.1:8099")).as("curl").isTrue();
    assertThat(loopback.allowsOrigin("http://127.0.0.1:8099", "same-origin", "127.0.0.1:8099"))
        .isTrue();
    assertThat(loopback.allowsOrigin("http://localhost:8099", null, "localhost:8099")).isTrue();
    assertThat(loopback.allowsOrigin("http://evil.example", null, "127.0.0.1:8099")).isFalse();
    assertThat(loopback.allowsOrigin("http://localhost:8099", null, "127.0.0.1:8099"))
        .as("another origin, even if it is this machine").isFalse();
    assertThat(loopback.allowsOrigin("https://127.0.0.1:8099", null, "127.0.0.1:8099")).isFalse();
    assertThat(loopback.allowsOrigin("null", null, "127.0.0.1:8099")).isFalse();
    assertThat(loopback.allowsOrigin(null, "cross-site", "127.0.0.1:8099")).isFalse();
    assertThat(loopback.allowsOrigin(null, "same-site", "127.0.0.1:8099")).isFalse();
    assertThat(loopback.allowsOrigin(null, "none", "127.0.0.1:8099")).isTrue();
  }
}
