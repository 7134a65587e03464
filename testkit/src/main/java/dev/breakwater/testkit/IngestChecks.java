package dev.breakwater.testkit;

import java.util.List;
import java.util.Optional;

/**
 * The checks the Event API and the Metric API make before looking at a payload: method, key and
 * size. Stateless and thread-safe.
 */
final class IngestChecks {
  /** New Relic's limit per POST, applied to the body as sent (compressed if it is). */
  static final int MAX_PAYLOAD_BYTES = 1_000_000;

  private static final List<String> KEY_HEADERS = List.of("Api-Key", "X-Insert-Key",
      "X-License-Key");

  private IngestChecks() {}

  /** Returns the refusal for {@code request}, or empty if it may be parsed. */
  static Optional<Reply> refusal(Incoming request, String licenseKey) {
    Api api = request.api();
    if (!request.method().equals("POST")) {
      return Optional.of(ErrorReplies.of(api, 405, request.method() + " is not allowed; use POST")
          .withHeader("Allow", "POST"));
    }
    boolean authorized = KEY_HEADERS.stream()
        .anyMatch(h -> request.header(h).filter(licenseKey::equals).isPresent());
    if (!authorized) {
      return Optional.of(ErrorReplies.of(api, 403, "a valid license key is required in one of "
          + KEY_HEADERS));
    }
    int size = request.rawBody().length;
    if (size > MAX_PAYLOAD_BYTES) {
      return Optional.of(ErrorReplies.of(api, 413, "the payload is " + size
          + " bytes; the limit is " + MAX_PAYLOAD_BYTES));
    }
    return Optional.empty();
  }
}
