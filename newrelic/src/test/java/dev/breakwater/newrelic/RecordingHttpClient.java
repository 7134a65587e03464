package dev.breakwater.newrelic;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Breakwater's own HTTP client, with a record of every exchange started through it. A server can
 * only say when a request reached it, which under load may be long after the client sent it;
 * this record is kept on the sending thread, so it tells what was started before a given moment
 * of the test. Thread-safe.
 */
final class RecordingHttpClient extends HttpClient {
  private final HttpClient delegate = HttpTransport.defaultClient();
  private final List<CompletableFuture<?>> exchanges = new CopyOnWriteArrayList<>();

  /** How many exchanges have been started so far. */
  int started() {
    return exchanges.size();
  }

  /** How many of the exchanges started so far have neither completed nor been cancelled. */
  long inFlight() {
    return exchanges.stream().filter(e -> !e.isDone()).count();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    CompletableFuture<Void> exchange = new CompletableFuture<>();
    exchanges.add(exchange);
    try {
      return delegate.send(request, handler);
    } finally {
      exchange.complete(null);
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler) {
    CompletableFuture<HttpResponse<T>> exchange = delegate.sendAsync(request, handler);
    exchanges.add(exchange);
    return exchange;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> pushes) {
    CompletableFuture<HttpResponse<T>> exchange = delegate.sendAsync(request, handler, pushes);
    exchanges.add(exchange);
    return exchange;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
