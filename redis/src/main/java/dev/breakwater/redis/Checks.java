package dev.breakwater.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Argument checks shared by the builders and the override methods, with the messages users see. Stateless. */
final class Checks {
  /** The longest override a single command can set: a typo must not force a breaker open for years. */
  static final Duration MAX_TTL = Duration.ofDays(30);

  private Checks() {}

  static String fleet(String fleet) {
    name("fleet", fleet);
    if (fleet.indexOf('{') >= 0 || fleet.indexOf('}') >= 0) {
      throw new IllegalArgumentException("fleet must not contain '{' or '}', was '" + fleet + "'");
    }
    return fleet;
  }

  static String instanceId(String instanceId) {
    return name("instanceId", instanceId);
  }

  /** A non-blank name without control characters (they separate the fields of stored values). */
  static String name(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.length() > 200) {
      throw new IllegalArgumentException(what + " must be at most 200 characters, was " + value.length());
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " must not contain control characters, was '"
          + value.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    return value;
  }

  static String breaker(String breakerName) {
    Objects.requireNonNull(breakerName, "breakerName");
    if (breakerName.isBlank()) {
      throw new IllegalArgumentException("breakerName must not be blank");
    }
    return breakerName;
  }

  static Duration ttl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.toMillis() < 1 || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be between 1 ms and 30 days, was " + ttl);
    }
    return ttl;
  }

  static Duration positive(String what, Duration value, Duration min) {
    Objects.requireNonNull(value, what);
    if (value.compareTo(min) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(what + " must be between " + min.toMillis()
          + " ms and 1 h, was " + value);
    }
    return value;
  }

  static URI redis(URI redis) {
    Objects.requireNonNull(redis, "redis");
    String scheme = redis.getScheme() == null ? "" : redis.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss") || redis.getHost() == null) {
      throw new IllegalArgumentException("redis must be a redis:// or rediss:// URI with a host, was "
          + Connector.redact(redis));
    }
    return redis;
  }
}
