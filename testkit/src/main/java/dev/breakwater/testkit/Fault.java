package dev.breakwater.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link FakeNewRelic} does instead of (or before) answering a request normally; schedule
 * faults with {@link FakeNewRelic#faults()}. A faulted request is recorded, but the data it
 * carried is not stored (except after {@link #latency}, which then answers normally).
 *
 * <p>Instances are immutable and thread-safe; {@link #toString()} is a short description fit
 * for a demo's display, such as {@code "HTTP 429, Retry-After: 30 s"}.
 *
 * <pre>{@code
 * fake.faults().next(Api.EVENTS, 2, Fault.status(503));
 * fake.faults().always(Api.METRICS, Fault.status(429).withRetryAfter(Duration.ofSeconds(30)));
 * }</pre>
 */
public final class Fault {

  /** The kinds of fault; the fields that matter depend on the kind. */
  enum Kind { STATUS, LATENCY, DROP_CONNECTION, GRAPHQL_ERROR }

  private static final Fault DROP_CONNECTION = new Fault(Kind.DROP_CONNECTION, 0, null,
      Duration.ZERO, null, null);

  private final Kind kind;
  private final int status;
  private final Duration retryAfter;
  private final Duration delay;
  private final String errorClass;
  private final String message;

  private Fault(Kind kind, int status, Duration retryAfter, Duration delay, String errorClass,
      String message) {
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.delay = delay;
    this.errorClass = errorClass;
    this.message = message;
  }

  /**
   * Answers with an HTTP status and a plausible body for the API: for the Event API
   * {@code {"success":false,"error":...}}, for the Metric API
   * {@code {"requestId":...,"error":...}}, for NerdGraph {@code {"errors":[{"message":...}]}}
   * (for 401, New Relic's exact {@code BAD_API_KEY} body). 204 and 304 are sent without a body.
   *
   * @param code the HTTP status
   * @return the fault
   * @throws IllegalArgumentException if {@code code} is not in [200, 599]
   */
  public static Fault status(int code) {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("code must be in [200, 599], was " + code);
    }
    return new Fault(Kind.STATUS, code, null, Duration.ZERO, null, null);
  }

  /**
   * Returns this status fault with a {@code Retry-After} header, as New Relic sends with 429.
   *
   * @param retryAfter the wait to announce; sent in whole seconds, rounded up
   * @return a new fault
   * @throws NullPointerException if {@code retryAfter} is null
   * @throws IllegalArgumentException if {@code retryAfter} is negative
   * @throws IllegalStateException if this is not a {@link #status(int)} fault
   */
  public Fault withRetryAfter(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
    }
    if (kind != Kind.STATUS) {
      throw new IllegalStateException("withRetryAfter applies only to Fault.status(...), not to "
          + this);
    }
    return new Fault(kind, status, retryAfter, delay, null, null);
  }

  /**
   * Returns this status fault answered only after {@code delay}: a server that hangs, then
   * fails (a gateway timeout, say). Unlike {@link #latency}, nothing is stored, so a client that
   * gave up and retries cannot deliver twice.
   *
   * @param delay how long to wait before answering with the status
   * @return a new fault
   * @throws NullPointerException if {@code delay} is null
   * @throws IllegalArgumentException if {@code delay} is negative
   * @throws IllegalStateException if this is not a {@link #status(int)} fault
   */
  public Fault afterDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    if (kind != Kind.STATUS) {
      throw new IllegalStateException("afterDelay applies only to Fault.status(...), not to " + this);
    }
    return new Fault(kind, status, retryAfter, delay, null, null);
  }

  /**
   * Waits on the server before handling the request normally, simulating a slow server. Other
   * requests are served meanwhile.
   *
   * @param delay how long to wait before answering
   * @return the fault
   * @throws NullPointerException if {@code delay} is null
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public static Fault latency(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    return new Fault(Kind.LATENCY, 0, null, delay, null, null);
  }

  /**
   * Reads the request, then closes the connection without any response; a
   * {@code java.net.http.HttpClient} sees an {@code IOException}. The request is recorded with
   * status 0.
   *
   * @return the fault
   */
  public static Fault dropConnection() {
    return DROP_CONNECTION;
  }

  /**
   * NerdGraph only: answers HTTP 200 with
   * {@code {"data":null,"errors":[{"message":...,"path":[...],"extensions":{"errorClass":...}}]}},
   * the path naming the operation the request asked for. Use {@code TIMEOUT},
   * {@code INTERNAL_SERVER_ERROR} or {@code SERVER_ERROR} for the error classes clients treat as
   * transient.
   *
   * @param errorClass the {@code extensions.errorClass}
   * @param message the error message
   * @return the fault
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code errorClass} is blank
   */
  public static Fault graphQlError(String errorClass, String message) {
    Objects.requireNonNull(errorClass, "errorClass");
    Objects.requireNonNull(message, "message");
    if (errorClass.isBlank()) {
      throw new IllegalArgumentException("errorClass must not be blank");
    }
    return new Fault(Kind.GRAPHQL_ERROR, 200, null, Duration.ZERO, errorClass, message);
  }

  Kind kind() {
    return kind;
  }

  int status() {
    return status;
  }

  /** Returns the Retry-After value in whole seconds, rounded up, or -1 if there is none. */
  long retryAfterSeconds() {
    if (retryAfter == null) {
      return -1;
    }
    long seconds = retryAfter.getSeconds();
    return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
  }

  Duration delay() {
    return delay;
  }

  String errorClass() {
    return errorClass;
  }

  String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fault f && kind == f.kind && status == f.status
        && Objects.equals(retryAfter, f.retryAfter) && delay.equals(f.delay)
        && Objects.equals(errorClass, f.errorClass) && Objects.equals(message, f.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, status, retryAfter, delay, errorClass, message);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case STATUS -> (delay.isZero() ? "" : "after " + delay.toMillis() + " ms, ")
          + (retryAfter == null ? "HTTP " + status
          : "HTTP " + status + ", Retry-After: " + retryAfterSeconds() + " s");
      case LATENCY -> "latency " + delay.toMillis() + " ms";
      case DROP_CONNECTION -> "dropped connection";
      case GRAPHQL_ERROR -> "GraphQL error " + errorClass + ": " + message;
    };
  }
}
