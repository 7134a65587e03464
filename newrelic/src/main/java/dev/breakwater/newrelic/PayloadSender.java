package dev.breakwater.newrelic;

import dev.breakwater.CallTimeoutException;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.Permit;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers one payload to an ingest API through its circuit breaker: one {@code x-request-id}
 * across the payload's retries, its own retry budget, the specification's handling of each
 * status, and a split in two on 413. Only transient faults count against the breaker; refusals
 * that are the sender's own doing release the permit without an outcome. Thread-safe.
 */
final class PayloadSender {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.newrelic.EventApiClient");

  /** The outcome of one payload (and of its halves, if it was split). */
  static final class Outcome {
    int delivered;
    int payloads;
    int retries;
    final List<DeliveryReport.Rejection> dropped = new ArrayList<>();
    final List<Map<String, ?>> undelivered = new ArrayList<>();
    String undeliveredReason = "";

    void add(Outcome other) {
      delivered += other.delivered;
      payloads += other.payloads;
      retries += other.retries;
      dropped.addAll(other.dropped);
      undelivered.addAll(other.undelivered);
      if (!other.undelivered.isEmpty()) {
        undeliveredReason = other.undeliveredReason;
      }
    }

    void undeliverable(List<Map<String, ?>> events, String reason) {
      undelivered.addAll(events);
      undeliveredReason = reason;
    }
  }

  private final URI endpoint;
  private final Secret key;
  private final HttpTransport transport;
  private final CircuitBreaker breaker;
  private final EventEncoder encoder;
  private final int maxRetries;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Clock clock;
  private final boolean audit;

  PayloadSender(URI endpoint, Secret key, HttpTransport transport, CircuitBreaker breaker,
      EventEncoder encoder, int maxRetries, Backoff backoff, Sleeper sleeper, Clock clock,
      boolean audit) {
    this.endpoint = endpoint;
    this.key = key;
    this.transport = transport;
    this.breaker = breaker;
    this.encoder = encoder;
    this.maxRetries = maxRetries;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.clock = clock;
    this.audit = audit;
  }

  Outcome send(Payload payload) {
    Outcome outcome = new Outcome();
    String requestId = UUID.randomUUID().toString();
    if (audit && LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "audit: payload {0}: {1}", requestId, EventEncoder.toJson(payload.events()));
    }
    for (int attempt = 0; ; attempt++) {
      Optional<Permit> permit = breaker.tryAcquire();
      if (permit.isEmpty()) {
        outcome.undeliverable(payload.events(), "circuit breaker '" + breaker.name() + "' is "
            + breaker.state());
        return outcome;
      }
      Retry retry = attempt(payload, requestId, permit.get(), attempt + 1, outcome);
      if (retry == null) {
        return outcome;
      }
      if (attempt == maxRetries) {
        LOG.log(Level.WARNING, "payload {0} of {1} events not delivered after {2} retries ({3})",
            requestId, payload.events().size(), maxRetries, retry.failure);
        outcome.undeliverable(payload.events(), "retries exhausted (" + retry.failure + ")");
        return outcome;
      }
      outcome.retries++;
      try {
        sleeper.sleep(retry.delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome.undeliverable(payload.events(), "interrupted");
        return outcome;
      }
    }
  }

  /** Why a request should be repeated, and after how long. */
  private record Retry(Duration delay, String failure) {}

  /**
   * Makes one request with the permit and ends the permit. Returns how to retry, or null when the
   * payload's fate is settled in {@code outcome}.
   */
  private Retry attempt(Payload payload, String requestId, Permit permit, int retryNumber,
      Outcome outcome) {
    HttpResult result;
    try {
      result = transport.post(endpoint, headers(requestId), payload.gzipped(), breaker.config().timeout());
    } catch (HttpTimeoutException e) {
      permit.onFailure(new CallTimeoutException(breaker.name(), breaker.config().timeout(), e));
      return new Retry(backoff.delay(retryNumber), "timed out after " + breaker.config().timeout());
    } catch (IOException e) {
      permit.onFailure(new TransientFailureException(
          "request " + requestId + " failed with an I/O error: " + e, 0, e));
      return new Retry(backoff.delay(retryNumber), "I/O error: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      permit.release();
      Thread.currentThread().interrupt();
      outcome.undeliverable(payload.events(), "interrupted");
      return null;
    }
    int status = result.status();
    int events = payload.events().size();
    switch (ApiResponses.of(status)) {
      case ACCEPTED:
        permit.onSuccess();
        outcome.delivered += events;
        outcome.payloads++;
        return null;
      case DROP:
        permit.release();
        LOG.log(Level.WARNING, "Event API refused payload {0} with HTTP {1}; dropped {2} events",
            requestId, status, events);
        for (Map<String, ?> e : payload.events()) {
          outcome.dropped.add(new DeliveryReport.Rejection(e, "HTTP " + status + " from the Event API"));
        }
        return null;
      case SPLIT:
        permit.release();
        split(payload, requestId, outcome);
        return null;
      case RETRY_AFTER:
        permit.onFailure(new TransientFailureException(
            "request " + requestId + " was rate limited (HTTP 429)", status, null));
        Duration wait = RetryAfter.parse(result.header("Retry-After").orElse(null), clock)
            .orElse(backoff.delay(retryNumber));
        return new Retry(wait, "HTTP 429");
      default:
        permit.onFailure(new TransientFailureException(
            "request " + requestId + " failed with HTTP " + status, status, null));
        return new Retry(backoff.delay(retryNumber), "HTTP " + status);
    }
  }

  private void split(Payload payload, String requestId, Outcome outcome) {
    List<Map<String, ?>> events = payload.events();
    if (events.size() == 1) {
      LOG.log(Level.WARNING, "Event API refused payload {0} of a single event as too large (HTTP 413); "
          + "dropped it", requestId);
      outcome.dropped.add(new DeliveryReport.Rejection(events.get(0),
          "HTTP 413 from the Event API: the event alone is too large"));
      return;
    }
    int mid = events.size() / 2;
    for (List<Map<String, ?>> half : List.of(events.subList(0, mid), events.subList(mid, events.size()))) {
      List<Map<String, ?>> tooLarge = new ArrayList<>();
      for (Payload p : encoder.encode(half, tooLarge)) {
        outcome.add(send(p));
      }
      for (Map<String, ?> e : tooLarge) {
        outcome.dropped.add(new DeliveryReport.Rejection(e, "event too large to send"));
      }
    }
  }

  private Map<String, String> headers(String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Api-Key", key.reveal());
    headers.put("Content-Type", "application/json");
    headers.put("Content-Encoding", "gzip");
    headers.put("x-request-id", requestId);
    return headers;
  }
}
