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
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP POST and its bounded response, over the JDK's client. The timeout covers the whole
 * exchange, body included (the JDK's own request timeout stops at the headers); a body longer
 * than the bound is cut there and the result says so, because only the caller knows whether it
 * needs the body (an ingest API's 202 does not). Keys travel only in headers and never appear in
 * exceptions thrown from here; a connection failure names the host and the cause. Thread-safe.
 */
final class HttpTransport {
  static final String USER_AGENT = "Breakwater/0.1 (Java " + Runtime.version().feature() + ")";
  /** How long Breakwater's own HTTP client waits for a connection, unless told otherwise. */
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client;
  private final long maxResponseBytes;

  HttpTransport(HttpClient client, long maxResponseBytes) {
    this.client = client;
    this.maxResponseBytes = maxResponseBytes;
  }

  static HttpClient defaultClient() {
    return defaultClient(DEFAULT_CONNECT_TIMEOUT);
  }

  /** Breakwater's own client: HTTP/1.1, the given connect timeout, never following a redirect. */
  static HttpClient defaultClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Returns {@code client} if it never follows redirects. The JDK's client re-sends every header
   * of a request, API keys included, to whatever host a redirect names, and no per-request
   * setting can stop it; so a client that follows redirects is refused outright.
   *
   * @throws IllegalArgumentException if the client follows redirects
   */
  static HttpClient refusingRedirects(HttpClient client) {
    Objects.requireNonNull(client, "httpClient");
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("httpClient follows redirects (" + client.followRedirects()
          + "), which would send the API key to any host a redirect names; build it with "
          + "followRedirects(HttpClient.Redirect.NEVER)");
    }
    return client;
  }

  /** Validates a connect timeout setting. */
  static Duration checkConnectTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "connectTimeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be > 0, was " + timeout);
    }
    return timeout;
  }

  /**
   * Posts {@code body} and reads at most {@code maxResponseBytes} of the answer, all within
   * {@code timeout} ({@link Duration#ZERO}: no limit).
   *
   * @throws HttpTimeoutException if the whole answer did not arrive within {@code timeout}
   * @throws UnreachableException if no connection could be made (names the host and the cause)
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
    CompletableFuture<HttpResponse<BoundedBody.Bytes>> exchange =
        client.sendAsync(request.build(), info -> new BoundedBody(maxResponseBytes));
    try {
      HttpResponse<BoundedBody.Bytes> response = timeout.isZero() ? exchange.get()
          : exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      BoundedBody.Bytes answer = response.body();
      return new HttpResult(response.statusCode(), response.headers().map(), answer.bytes(),
          answer.truncated());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException("no complete answer from " + uri.getHost() + " within " + timeout);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw UnreachableException.classify(uri, (IOException) cause, client.connectTimeout());
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

  /** Describes a transport failure for messages: the cause in words, never a key. */
  static String describe(IOException e) {
    if (e instanceof UnreachableException) {
      return e.getMessage();
    }
    return "I/O error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** Collects the body up to the limit; past it, keeps what fits, drops the connection, and says so. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Bytes> {
    /** The body as read, and whether it was cut at the limit. */
    record Bytes(byte[] bytes, boolean truncated) {}

    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Bytes> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBody(long limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<Bytes> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        long room = limit - bytes.size();
        if (b.remaining() > room) {
          byte[] part = new byte[(int) room];
          b.get(part);
          bytes.write(part, 0, part.length);
          subscription.cancel();
          result.complete(new Bytes(bytes.toByteArray(), true));
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
      result.complete(new Bytes(bytes.toByteArray(), false));
    }
  }
}
