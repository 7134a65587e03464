package dev.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Collection;

/**
 * Typed, checked reads of a scenario's JSON values, with messages that name the place and the value.
 * Stateless.
 */
final class ScenarioValues {
  private static final int SHOWN_MAX = 40;

  private ScenarioValues() {}

  /** Fails on the first key of {@code node} that is not in {@code known}, suggesting the closest one. */
  static void onlyKnownKeys(JsonNode node, Collection<String> known, String where) {
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!known.contains(key)) {
        throw new IllegalArgumentException(where + ": unknown key \"" + key + "\""
            + Suggestions.closest(key, known).map(s -> " (did you mean \"" + s + "\"?)")
                .orElse("; the keys here are " + UsageErrors.join(List.copyOf(known))));
      }
    }
  }

  /** An optional non-blank string. */
  static Optional<String> text(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": " + key + " must be a non-empty string, was " + shown(v));
    }
    return Optional.of(v.asText());
  }

  /** A required whole number in [min, max]. */
  static long whole(JsonNode node, String key, String where, long min, long max) {
    JsonNode v = node.get(key);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw new IllegalArgumentException(where + ": " + key + " must be a whole number from " + min + " to " + max
          + ", was " + (v == null ? "missing" : shown(v)));
    }
    return v.asLong();
  }

  /** A value as JSON, shortened. */
  static String shown(JsonNode v) {
    String s = v.toString();
    return s.length() <= SHOWN_MAX ? s : s.substring(0, SHOWN_MAX - 3) + "...";
  }

  /** What kind of JSON value {@code v} is, for "not a string" messages. */
  static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case STRING -> "a string (" + shown(v) + ")";
      case NUMBER -> "a number (" + shown(v) + ")";
      case BOOLEAN -> "a boolean (" + v + ")";
      case NULL -> "null";
      default -> "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
