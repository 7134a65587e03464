package dev.breakwater.newrelic;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * No connection to an API could be made, said in words that name the host and the cause:
 * "cannot resolve api.newrelic.com", "connection refused by 127.0.0.1:4318", "cannot connect to
 * api.newrelic.com:443 within 5 s". The JDK's client reports most of these as a
 * {@code ConnectException} without a message, the real cause a few links down the chain (or
 * nowhere: a refused connection can surface as a bare {@code ClosedChannelException}), which
 * tells an operator nothing. Immutable.
 */
final class UnreachableException extends IOException {
  private static final long serialVersionUID = 1L;

  private UnreachableException(String message, IOException cause) {
    super(message, cause);
  }

  /**
   * Returns {@code e} described as an {@code UnreachableException} if it is a connection
   * failure, else {@code e} itself.
   *
   * @param uri the request's address, for the host and port
   * @param connectTimeout the client's connect timeout, for the message
   */
  static IOException classify(URI uri, IOException e, Optional<Duration> connectTimeout) {
    String host = uri.getHost();
    String address = host + ":" + port(uri);
    if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
      return new UnreachableException("cannot resolve " + host, e);
    }
    if (has(e, HttpConnectTimeoutException.class)) {
      return new UnreachableException("cannot connect to " + address
          + connectTimeout.map(t -> " within " + format(t)).orElse(": connect timed out"), e);
    }
    if (has(e, NoRouteToHostException.class)) {
      return new UnreachableException("no route to " + address, e);
    }
    if (has(e, SSLHandshakeException.class)) {
      return new UnreachableException("TLS handshake with " + address + " failed: "
          + innermostMessage(e).orElse("no reason given"), e);
    }
    if (has(e, ConnectException.class)) {
      Optional<String> reason = innermostMessage(e);
      if (reason.isEmpty() || reason.get().toLowerCase(java.util.Locale.ROOT).contains("refused")) {
        return new UnreachableException("connection refused by " + address, e);
      }
      return new UnreachableException("cannot connect to " + address + ": " + reason.get(), e);
    }
    return e;
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }

  private static boolean has(Throwable e, Class<?> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The message of the deepest link in the chain that has one. */
  private static Optional<String> innermostMessage(Throwable e) {
    String found = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        found = t.getMessage();
      }
    }
    return Optional.ofNullable(found);
  }

  static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
