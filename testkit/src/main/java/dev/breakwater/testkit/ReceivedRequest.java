package dev.breakwater.testkit;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One HTTP request that {@link FakeNewRelic} received on one of its APIs, with the status it
 * answered. Requests that got a fault are recorded too. Immutable and thread-safe:
 * {@link #rawBody()} returns a copy.
 *
 * <p>{@link #toString()} shows the method, path, status and body size, never header values, so
 * keys cannot leak into test logs.
 *
 * <p>A final class rather than a record on purpose: the fake makes these and tests only read
 * them, and what is recorded of a request may grow; a record's public canonical constructor would
 * make each addition a breaking change for nothing a test needs.
 */
public final class ReceivedRequest {
  private final Api api;
  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final byte[] rawBody;
  private final String body;
  private final int status;
  private final long receivedAtNanos;

  ReceivedRequest(Api api, String method, String path, Map<String, List<String>> headers,
      byte[] rawBody, String body, int status, long receivedAtNanos) {
    this.api = Objects.requireNonNull(api, "api");
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.body = Objects.requireNonNull(body, "body");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Objects.requireNonNull(headers, "headers").forEach((k, v) -> copy.merge(k, List.copyOf(v),
        (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
    this.headers = Collections.unmodifiableMap(copy);
    this.rawBody = Objects.requireNonNull(rawBody, "rawBody").clone();
    this.status = status;
    this.receivedAtNanos = receivedAtNanos;
  }

  /**
   * Returns the API the path belongs to.
   *
   * @return the API
   */
  public Api api() {
    return api;
  }

  /**
   * Returns the HTTP method, for example {@code "POST"}.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the request path without the query string.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the request headers; {@code get} on this map ignores the name's case.
   *
   * @return an unmodifiable map of header names to values
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the body exactly as received (compressed, if it was).
   *
   * @return a copy, free to modify
   */
  public byte[] rawBody() {
    return rawBody.clone();
  }

  /**
   * Returns the decompressed body as UTF-8 text.
   *
   * @return the body, or {@code ""} if it could not be decoded
   */
  public String body() {
    return body;
  }

  /**
   * Returns the HTTP status answered.
   *
   * @return the status, or {@code 0} if the connection was dropped
   */
  public int status() {
    return status;
  }

  /**
   * Returns the fake's ticker reading when the request arrived.
   *
   * @return the arrival time in ticker nanoseconds
   */
  public long receivedAtNanos() {
    return receivedAtNanos;
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, in any case
   * @return the first value, or empty if the header was absent
   * @throws NullPointerException if {@code name} is null
   */
  public Optional<String> header(String name) {
    Objects.requireNonNull(name, "name");
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns the {@code x-request-id} header, which New Relic clients send once per payload and
   * keep across retries.
   *
   * @return the request id, or empty if the header was absent
   */
  public Optional<String> requestId() {
    return header("x-request-id");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReceivedRequest r && api == r.api && method.equals(r.method)
        && path.equals(r.path) && headers.equals(r.headers) && Arrays.equals(rawBody, r.rawBody)
        && body.equals(r.body) && status == r.status && receivedAtNanos == r.receivedAtNanos;
  }

  @Override
  public int hashCode() {
    int headersHash = headers.entrySet().stream()
        .mapToInt(e -> e.getKey().toLowerCase(Locale.ROOT).hashCode() ^ e.getValue().hashCode())
        .sum(); // the map's own hashCode would depend on the names' case, which equals ignores
    return Objects.hash(api, method, path, headersHash, Arrays.hashCode(rawBody), body, status,
        receivedAtNanos);
  }

  @Override
  public String toString() {
    return "ReceivedRequest{" + api + " " + method + " " + path + " -> " + status + ", "
        + rawBody.length + " bytes, header names " + headers.keySet() + "}";
  }
}
