package dev.breakwater.newrelic;

/**
 * An API key. Its {@code toString()} never shows the key, so it cannot leak through string
 * concatenation, logs or exception messages; only the HTTP layer calls {@link #reveal()}.
 * Immutable.
 */
final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Validates a key for use in an HTTP header. The messages name the field, never the value.
   *
   * @param field what to call the key in messages, e.g. "licenseKey" or "NEW_RELIC_LICENSE_KEY"
   * @throws IllegalArgumentException if the key is blank or holds characters a header cannot carry
   */
  static Secret of(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException(field
            + " must be printable ASCII without spaces (found a character that is not, at index " + i + ")");
      }
    }
    return new Secret(value);
  }

  String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }
}
