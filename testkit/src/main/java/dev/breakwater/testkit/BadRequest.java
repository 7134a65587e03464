package dev.breakwater.testkit;

/**
 * A request the fake refuses as malformed: the status to answer (400 unless said otherwise) and a
 * message, which ends up in the response body. Not meant to be shared between threads.
 */
final class BadRequest extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  BadRequest(String message) {
    this(400, message);
  }

  BadRequest(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
