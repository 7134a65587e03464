package dev.breakwater.redis;

/**
 * The Redis names of one fleet. Every key starts with {@code breakwater:{fleet}:}; the braces make
 * the fleet name a hash tag, so a fleet's keys would share one slot on a cluster and the scripts
 * that touch two of them stay valid. Immutable and thread-safe.
 */
final class Keys {
  private static final String OVERRIDE = "override:";

  private final String prefix;

  Keys(String fleet) {
    this.prefix = "breakwater:{" + fleet + "}:";
  }

  /** A string value, {@link FleetOverride#encode}, that expires with the override's TTL. */
  String override(String breaker) {
    return prefix + OVERRIDE + breaker;
  }

  /** A {@code SCAN MATCH} pattern for every override of the fleet. */
  String overridePattern() {
    return glob(prefix) + OVERRIDE + "*";
  }

  /** The breaker an override key is about. */
  String breakerOfOverride(String key) {
    return key.substring(prefix.length() + OVERRIDE.length());
  }

  /** A hash: field {@code @at} (server time of the last report) and {@code b:<breaker>} reports. */
  String instance(String instanceId) {
    return prefix + "instance:" + instanceId;
  }

  /** A sorted set of instance ids, scored by when their report expires (server ms). */
  String instances() {
    return prefix + "instances";
  }

  /** Restart memory: who opened the breaker and why, expiring when its open delay ends. */
  String opened(String breaker) {
    return prefix + "opened:" + breaker;
  }

  /** A sorted set of the instances the quorum opened, scored by when their slot frees (server ms). */
  String followers(String breaker) {
    return prefix + "quorum:" + breaker;
  }

  /** The pub/sub channel for override and state-change notices. */
  String channel() {
    return prefix + "events";
  }

  private static String glob(String literal) {
    StringBuilder out = new StringBuilder(literal.length() + 8);
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
