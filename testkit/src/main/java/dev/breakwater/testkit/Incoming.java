package dev.breakwater.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * A request as the API handlers see it: the raw body and, if its {@code Content-Encoding} could
 * be undone, the decoded body. Immutable and thread-safe as long as nobody writes to the arrays.
 */
final class Incoming {
  private final Api api;
  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final byte[] rawBody;
  private final byte[] body;
  private final BadRequest undecodable;

  private Incoming(Api api, String method, String path, Map<String, List<String>> headers,
      byte[] rawBody, byte[] body, BadRequest undecodable) {
    this.api = api;
    this.method = method;
    this.path = path;
    this.headers = headers;
    this.rawBody = rawBody;
    this.body = body;
    this.undecodable = undecodable;
  }

  static Incoming of(Api api, String method, String path, Map<String, List<String>> headers,
      byte[] rawBody) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    Map<String, List<String>> frozen = Collections.unmodifiableMap(copy);
    String encoding = first(frozen, "Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
    try {
      return new Incoming(api, method, path, frozen, rawBody, decode(encoding, rawBody), null);
    } catch (BadRequest e) {
      return new Incoming(api, method, path, frozen, rawBody, null, e);
    }
  }

  Api api() {
    return api;
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  Map<String, List<String>> headers() {
    return headers;
  }

  byte[] rawBody() {
    return rawBody;
  }

  Optional<String> header(String name) {
    return first(headers, name);
  }

  /**
   * Returns the decoded body.
   *
   * @throws BadRequest 400 for a corrupt gzip stream, 415 for an unsupported encoding
   */
  byte[] body() throws BadRequest {
    if (body == null) {
      throw undecodable;
    }
    return body;
  }

  /** Returns the decoded body as text, or "" if it could not be decoded. */
  String text() {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }

  private static Optional<String> first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private static byte[] decode(String encoding, byte[] raw) throws BadRequest {
    switch (encoding) {
      case "", "identity":
        return raw;
      case "gzip":
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          return in.readAllBytes();
        } catch (IOException e) {
          throw new BadRequest("the body is not valid gzip: " + e.getMessage());
        }
      default:
        throw new BadRequest(415, "unsupported Content-Encoding '" + encoding
            + "'; use gzip or identity");
    }
  }
}
