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
 * @param api the API the path belongs to
 * @param method the HTTP method, for example {@code "POST"}
 * @param path the request path without the query string
 * @param headers the request headers; {@code get} on this map ignores the name's case
 * @param rawBody the body exactly as received (compressed, if it was)
 * @param body the decompressed body as UTF-8 text; {@code ""} if it could not be decoded
 * @param status the HTTP status answered; {@code 0} if the connection was dropped
 * @param receivedAtNanos the fake's ticker reading when the request arrived
 */
public record ReceivedRequest(Api api, String method, String path,
    Map<String, List<String>> headers, byte[] rawBody, String body, int status,
    long receivedAtNanos) {

  /**
   * Copies the headers and body.
   *
   * @param api the {@link #api()} component
   * @param method the {@link #method()} component
   * @param path the {@link #path()} component
   * @param headers the {@link #headers()} component
   * @param rawBody the {@link #rawBody()} component
   * @param body the {@link #body()} component
   * @param status the {@link #status()} component
   * @param receivedAtNanos the {@link #receivedAtNanos()} component
   * @throws NullPointerException if an argument is null
   */
  public ReceivedRequest {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Objects.requireNonNull(headers, "headers").forEach((k, v) -> copy.merge(k, List.copyOf(v),
        (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
    headers = Collections.unmodifiableMap(copy);
    rawBody = Objects.requireNonNull(rawBody, "rawBody").clone();
  }

  /**
   * Returns the body exactly as received.
   *
   * @return a copy, free to modify
   */
  @Override
  public byte[] rawBody() {
    return rawBody.clone();
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
