package dev.breakwater.newrelic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP POST and its bounded response, over the JDK's client. The timeout covers the whole
 * exchange, body included (the JDK's own request timeout stops at the headers), and the body may
 * not exceed a size. Keys travel only in headers and never appear in exceptions thrown from here.
 * Thread-safe.
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
   * Posts {@code body} and reads at most {@code maxResponseBytes} of the answer, all within
   * {@code timeout} ({@link Duration#ZERO}: no limit).
   *
   * @throws HttpTimeoutException if the whole answer did not arrive within {@code timeout}
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
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(request.build(), info -> new BoundedBody(uri, maxResponseBytes));
    try {
      HttpResponse<byte[]> response = timeout.isZero() ? exchange.get()
          : exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new HttpResult(response.statusCode(), response.headers().map(), response.body());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException("no complete answer from " + uri.getHost() + " within " + timeout);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IOException("request to " + uri.getHost() + " failed", cause);
    } catch (CancellationException e) {
      throw new IOException("request to " + uri.getHost() + " was cancelled", e);
    }
  }

  /** Collects the body, refusing more than the limit. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final URI uri;
    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBody(URI uri, long limit) {
      this.uri = uri;
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (bytes.size() + (long) b.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(new ResponseTooLargeException(uri, limit));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
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
