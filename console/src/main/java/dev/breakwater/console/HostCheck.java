package dev.breakwater.console;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the {@code Host} and {@code Origin} headers. On a loopback binding only the loopback
 * names of the console's own port are accepted as {@code Host}, which defeats DNS rebinding (a
 * web page whose name suddenly resolves to 127.0.0.1 still sends its own name). On an address
 * chosen explicitly any {@code Host} is accepted, since the console cannot know the names it is
 * reached by. A request's {@code Origin}, when present, must be the console's own origin as the
 * browser addressed it.
 *
 * <p>Immutable and thread-safe.
 */
final class HostCheck {
  private final Set<String> allowed; // empty: any host

  private HostCheck(Set<String> allowed) {
    this.allowed = allowed;
  }

  static HostCheck forBinding(InetAddress address, int port) {
    if (!address.isLoopbackAddress()) {
      return new HostCheck(Set.of());
    }
    String literal = address.getHostAddress();
    if (literal.indexOf(':') >= 0) {
      literal = "[" + literal + "]";
    }
    String suffix = ":" + port;
    return new HostCheck(Stream.of("localhost", "127.0.0.1", "[::1]", literal)
        .map(name -> name.toLowerCase(Locale.ROOT) + suffix)
        .collect(Collectors.toUnmodifiableSet()));
  }

  /** Whether a request with this {@code Host} header may be served. */
  boolean allowsHost(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    return allowed.isEmpty() || allowed.contains(host.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a request with these headers comes from the console's own page or from a client that
   * is not a browser. Browsers send {@code Origin} on every POST; a missing one means curl or a
   * script, which must still present the token. {@code Origin: null} (sandboxed frames, files) and
   * a cross-site {@code Sec-Fetch-Site} are refused.
   */
  boolean allowsOrigin(String origin, String secFetchSite, String host) {
    if (secFetchSite != null && !secFetchSite.equalsIgnoreCase("same-origin")
        && !secFetchSite.equalsIgnoreCase("none")) {
      return false;
    }
    if (origin == null) {
      return true;
    }
    return host != null && origin.equalsIgnoreCase("http://" + host);
  }
}
