package dev.breakwater.newrelic;

import dev.breakwater.CallTimeoutException;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitState;
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
 * Delivers one payload to an ingest API (Event or Metric API) through its circuit breaker: one
 * {@code x-request-id} across the payload's retries, its own retry budget, the telemetry SDK
 * specification's handling of each status, and a split in two on 413. Only transient faults count
 * against the breaker; refusals that are the sender's own doing release the permit without an
 * outcome. Thread-safe.
 *
 * @param <T> the item type of the payloads
 */
final class PayloadSender<T> {
  /** The longest wait between retries a sender accepts; a longer Retry-After returns the payload. */
  static final Duration MAX_WAIT = Duration.ofMinutes(5);

  /** Where and how to send; everything but the item type is shared by the ingest APIs. */
  record Settings(String api, String item, URI endpoint, Secret key, HttpTransport transport, CircuitBreaker breaker,
      int maxRetries, Backoff backoff, Sleeper sleeper, Clock clock, boolean audit) {}

  /** An item the API refused for good, with the reason. */
  record Dropped<T>(T item, String reason) {}

  /** The outcome of one payload (and of its halves, if it was split). */
  static final class Outcome<T> {
    int delivered;
    int payloads;
    int retries;
    final List<Dropped<T>> dropped = new ArrayList<>();
    final List<T> undelivered = new ArrayList<>();
    String undeliveredReason = "";

    void add(Outcome<T> other) {
      delivered += other.delivered;
      payloads += other.payloads;
      retries += other.retries;
      dropped.addAll(other.dropped);
      undelivered.addAll(other.undelivered);
      if (!other.undelivered.isEmpty()) {
        undeliveredReason = other.undeliveredReason;
      }
    }

    void undeliverable(List<T> items, String reason) {
      undelivered.addAll(items);
      undeliveredReason = reason;
    }
  }

  private final Settings s;
  private final PayloadCodec<T> codec;
  private final System.Logger log;

  PayloadSender(Settings settings, PayloadCodec<T> codec, System.Logger log) {
    this.s = settings;
    this.codec = codec;
    this.log = log;
  }

  /**
   * Sends payloads in order; once one cannot be delivered (budget spent or circuit open), the
   * rest are returned undelivered without trying, in order.
   */
  Outcome<T> sendAll(List<Payload<T>> payloads) {
    Outcome<T> total = new Outcome<>();
    for (Payload<T> payload : payloads) {
      if (!total.undelivered.isEmpty()) {
        total.undelivered.addAll(payload.items());
        continue;
      }
      total.add(send(payload));
    }
    return total;
  }

  Outcome<T> send(Payload<T> payload) {
    Outcome<T> outcome = new Outcome<>();
    String requestId = UUID.randomUUID().toString();
    if (s.audit() && log.isLoggable(Level.DEBUG)) {
      log.log(Level.DEBUG, "audit: payload {0}: {1}", requestId, codec.toJson(payload.items()));
    }
    for (int attempt = 0; ; attempt++) {
      Optional<Permit> permit = s.breaker().tryAcquire();
      if (permit.isEmpty()) {
        outcome.undeliverable(payload.items(), "circuit breaker '" + s.breaker().name() + "' is "
            + s.breaker().state());
        return outcome;
      }
      if (attempt > 0) {
        outcome.retries++; // counted when the retry is really made
      }
      Retry retry = attempt(payload, requestId, permit.get(), attempt + 1, outcome);
      if (retry == null) {
        return outcome;
      }
      if (attempt == s.maxRetries()) {
        log.log(Level.WARNING, "payload {0} of {1} {2}s not delivered to the {3} after {4} retries ({5})",
            requestId, payload.items().size(), s.item(), s.api(), s.maxRetries(), retry.failure);
        outcome.undeliverable(payload.items(), "retries exhausted (" + retry.failure + ")");
        return outcome;
      }
      CircuitState state = s.breaker().state();
      if (state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN) {
        // The failure just recorded opened the circuit: waiting could not help.
        outcome.undeliverable(payload.items(), "circuit breaker '" + s.breaker().name() + "' is " + state
            + " after: " + retry.failure);
        return outcome;
      }
      if (retry.delay.compareTo(MAX_WAIT) > 0) {
        log.log(Level.WARNING, "the {0} asked to wait {1} before retrying payload {2}; keeping it for later",
            s.api(), retry.delay, requestId);
        outcome.undeliverable(payload.items(), "Retry-After of " + retry.delay.toSeconds()
            + " s is longer than " + MAX_WAIT.toSeconds() + " s");
        return outcome;
      }
      try {
        s.sleeper().sleep(retry.delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome.undeliverable(payload.items(), "interrupted");
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
  private Retry attempt(Payload<T> payload, String requestId, Permit permit, int retryNumber,
      Outcome<T> outcome) {
    Duration timeout = s.breaker().config().timeout();
    HttpResult result;
    try {
      result = s.transport().post(s.endpoint(), headers(requestId), payload.gzipped(), timeout);
    } catch (HttpTimeoutException e) {
      permit.onFailure(new CallTimeoutException(s.breaker().name(), timeout, e));
      return new Retry(s.backoff().delay(retryNumber), "timed out after " + timeout);
    } catch (IOException e) {
      String failure = HttpTransport.describe(e);
      permit.onFailure(new TransientFailureException("request " + requestId + " to the " + s.api()
          + " failed: " + failure, 0, e));
      return new Retry(s.backoff().delay(retryNumber), failure);
    } catch (InterruptedException e) {
      permit.release();
      Thread.currentThread().interrupt();
      outcome.undeliverable(payload.items(), "interrupted");
      return null;
    } catch (RuntimeException | Error e) {
      permit.release(); // a bug or a misconfiguration, not the service's fault; never leak the slot
      throw e;
    }
    int status = result.status();
    int items = payload.items().size();
    switch (ApiResponses.of(status)) {
      case ACCEPTED:
        permit.onSuccess();
        outcome.delivered += items;
        outcome.payloads++;
        return null;
      case DROP:
        permit.release();
        log.log(Level.WARNING, "the {0} refused payload {1} with HTTP {2}; dropped {3} {4}s",
            s.api(), requestId, status, items, s.item());
        for (T item : payload.items()) {
          outcome.dropped.add(new Dropped<>(item, "HTTP " + status + " from the " + s.api()));
        }
        return null;
      case SPLIT:
        permit.release();
        split(payload, requestId, outcome);
        return null;
      case RETRY_AFTER:
        permit.onFailure(new TransientFailureException(
            "request " + requestId + " was rate limited (HTTP 429)", status, null));
        Duration wait = RetryAfter.parse(result.header("Retry-After").orElse(null), s.clock())
            .orElse(s.backoff().delay(retryNumber));
        return new Retry(wait, "HTTP 429");
      default:
        permit.onFailure(new TransientFailureException(
            "request " + requestId + " failed with HTTP " + status, status, null));
        return new Retry(s.backoff().delay(retryNumber), "HTTP " + status);
    }
  }

  private void split(Payload<T> payload, String requestId, Outcome<T> outcome) {
    List<T> items = payload.items();
    if (items.size() == 1) {
      log.log(Level.WARNING, "the {0} refused payload {1} of a single {2} as too large (HTTP 413); "
          + "dropped it", s.api(), requestId, s.item());
      outcome.dropped.add(new Dropped<>(items.get(0),
          "HTTP 413 from the " + s.api() + ": the " + s.item() + " alone is too large"));
      return;
    }
    int mid = items.size() / 2;
    for (List<T> half : List.of(items.subList(0, mid), items.subList(mid, items.size()))) {
      List<T> tooLarge = new ArrayList<>();
      for (Payload<T> p : codec.encode(half, tooLarge)) {
        outcome.add(send(p));
      }
      for (T item : tooLarge) {
        outcome.dropped.add(new Dropped<>(item, "too large to send"));
      }
    }
  }

  private Map<String, String> headers(String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Api-Key", s.key().reveal());
    headers.put("Content-Type", "application/json");
    headers.put("Content-Encoding", "gzip");
    headers.put("x-request-id", requestId);
    return headers;
  }
}
