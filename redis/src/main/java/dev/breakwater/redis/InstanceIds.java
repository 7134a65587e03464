package dev.breakwater.redis;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Default names: {@code host-pid} for an instance, {@code user@host} for an operator. Stateless. */
final class InstanceIds {
  private InstanceIds() {}

  static String host() {
    String host = System.getenv("HOSTNAME"); // set in containers, where the lookup below may be slow
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException | SecurityException e) {
        host = "unknown-host";
      }
    }
    return host.strip().replaceAll("[\\s\\p{Cntrl}]", "_");
  }

  static String instance() {
    return host() + "-" + ProcessHandle.current().pid();
  }

  static String operator() {
    String user = System.getProperty("user.name", "someone").replaceAll("[\\s\\p{Cntrl}]", "_");
    return user + "@" + host();
  }
}
