package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.breakwater.Ticker;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The fake's one HTTP handler: reads the request, picks the API by path, applies the fault
 * schedule, lets the API's handler answer, and records the request before the response goes out
 * (so a client holding its answer always finds the request recorded). Thread-safe: the server
 * calls it on many threads at once.
 */
final class Router implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(FakeNewRelic.class.getName());

  private final Ticker ticker;
  private final FaultSchedule faults;
  private final Received received;
  private final Map<Api, ApiHandler> handlers;

  Router(Ticker ticker, FaultSchedule faults, Received received, Map<Api, ApiHandler> handlers) {
    this.ticker = ticker;
    this.faults = faults;
    this.received = received;
    this.handlers = Map.copyOf(handlers);
  }

  @Override
  public void handle(HttpExchange exchange) {
    long arrivedAt = ticker.read();
    long arrival = received.arrived();
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      byte[] raw = exchange.getRequestBody().readAllBytes();
      Optional<Api> api = apiFor(path);
      if (api.isEmpty()) {
        send(exchange, ErrorReplies.notFound(method, path));
        return;
      }
      Incoming request = Incoming.of(api.get(), method, path, exchange.getRequestHeaders(), raw);
      Optional<Fault> fault = faults.take(api.get());
      if (fault.isPresent() && fault.get().kind() == Fault.Kind.DROP_CONNECTION) {
        record(arrival, arrivedAt, request, 0);
        return; // closing an exchange that sent no headers closes the connection silently
      }
      Reply reply = fault.isEmpty() ? answer(request) : faulted(request, fault.get());
      record(arrival, arrivedAt, request, reply.status());
      send(exchange, reply);
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      LOG.log(Level.DEBUG, "client went away", clientGone);
    } finally {
      exchange.close();
    }
  }

  static Optional<Api> apiFor(String path) {
    if (EventApi.PATH.matcher(path).matches()) {
      return Optional.of(Api.EVENTS);
    }
    if (path.equals(MetricApi.PATH)) {
      return Optional.of(Api.METRICS);
    }
    return path.equals(NerdGraph.PATH) ? Optional.of(Api.NERDGRAPH) : Optional.empty();
  }

  private Reply faulted(Incoming request, Fault fault) throws InterruptedException {
    return switch (fault.kind()) {
      case LATENCY -> {
        TimeUnit.NANOSECONDS.sleep(Durations.saturatedNanos(fault.delay()));
        yield answer(request);
      }
      case STATUS -> {
        TimeUnit.NANOSECONDS.sleep(Durations.saturatedNanos(fault.delay()));
        Reply reply = ErrorReplies.forStatus(request.api(), fault.status());
        long retryAfter = fault.retryAfterSeconds();
        yield retryAfter < 0 ? reply : reply.withHeader("Retry-After", Long.toString(retryAfter));
      }
      case GRAPHQL_ERROR -> Reply.json(200, GraphQl.errorBody(Optional.of(NullNode.getInstance()),
          fault.message(), fault.errorClass(), NerdGraph.pathOf(request.text())));
      case DROP_CONNECTION -> throw new IllegalStateException("dropped before answering");
    };
  }

  private Reply answer(Incoming request) {
    try {
      return handlers.get(request.api()).handle(request);
    } catch (RuntimeException bug) {
      LOG.log(Level.WARNING, "FakeNewRelic failed on " + request.method() + " " + request.path(),
          bug);
      return ErrorReplies.of(request.api(), 500, "FakeNewRelic failed: " + bug);
    }
  }

  private void record(long arrival, long arrivedAt, Incoming request, int status) {
    received.record(arrival, new ReceivedRequest(request.api(), request.method(), request.path(),
        request.headers(), request.rawBody(), request.text(), status, arrivedAt));
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] body = reply.body();
    if (body.length > 0) {
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    }
    reply.headers().forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
