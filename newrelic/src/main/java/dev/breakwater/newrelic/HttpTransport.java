package dev.breakwater.newrelic;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP POST and its bounded response, over the JDK's client. Keys travel only in headers and
 * never appear in exceptions thrown from here. Thread-safe.
 */
final class HttpTransport {
  static final String USER_AGENT = "Breakwater/0.1 (Java " + Runtime.version().feature() + ")";

  private final HttpClient client;
  private final long maxResponseBytes;

  HttpTransport(HttpClient client, long maxResponseBytes) {
    this.client = client;
    this.maxResponseBytes = maxResponseBytes;
  }

  static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Posts {@code body} and reads at most {@code maxResponseBytes} of the answer.
   *
   * @throws java.net.http.HttpTimeoutException if no answer arrived within {@code timeout}
   * @throws ResponseTooLargeException if the answer is longer than allowed
   * @throws IOException on any other transport failure
   */
  HttpResult post(URI uri, Map<String, String> headers, byte[] body, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("User-Agent", USER_AGENT);
    if (!timeout.isZero()) {
      request.timeout(timeout);
    }
    headers.forEach(request::header);
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
      if (bytes.length > maxResponseBytes) {
        throw new ResponseTooLargeException(uri, maxResponseBytes);
      }
      return new HttpResult(response.statusCode(), response.headers().map(), bytes);
    }
  }

  /** The answer was longer than the configured bound; the connection was dropped. */
  static final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(URI uri, long limit) {
      super("response from " + uri.getHost() + uri.getPath() + " exceeded " + limit + " bytes");
    }
  }
}
