package dev.breakwater.console;

import dev.breakwater.CircuitBreakerStats;

/**
 * Encodes the console's JSON: the snapshot of {@code /api/breakers} and of the stream's
 * {@code snapshot} event (every breaker with its whole history and last state changes), the
 * {@code sample} event of each interval (every breaker with the interval's new point), and the
 * {@code state} event of a state change. The field names are documented in the README.
 *
 * <p>Immutable and thread-safe.
 */
final class SnapshotJson {
  private static final double NANOS_PER_MILLI = 1e6;

  private final long intervalMillis;
  private final int historyLength;
  private final boolean controlEnabled;

  SnapshotJson(long intervalMillis, int historyLength, boolean controlEnabled) {
    this.intervalMillis = intervalMillis;
    this.historyLength = historyLength;
    this.controlEnabled = controlEnabled;
  }

  /** Every breaker with its whole history and its last state changes. */
  String full(Sampler.Reading reading) {
    return encode(reading, true);
  }

  /** Every breaker with the point this sample appended (if any), without state changes. */
  String sample(Sampler.Reading reading) {
    return encode(reading, false);
  }

  /** One state change, as it happened. */
  String stateChange(String breakerName, BreakerTrack.Transition transition, long now) {
    JsonWriter json = new JsonWriter().beginObject().name("name").value(breakerName);
    transitionFields(json, transition, now);
    return json.endObject().toString();
  }

  /** The body of an error reply. */
  static String error(String message) {
    return new JsonWriter().beginObject().name("error").value(message).endObject().toString();
  }

  private String encode(Sampler.Reading reading, boolean full) {
    JsonWriter json = new JsonWriter().beginObject()
        .name("sequence").value(reading.sequence())
        .name("intervalMs").value(intervalMillis)
        .name("historyLength").value(historyLength)
        .name("control").value(controlEnabled)
        .name("breakers").beginArray();
    for (Sampler.Entry entry : reading.entries()) {
      breaker(json, entry, reading.at(), full);
    }
    return json.endArray().endObject().toString();
  }

  private static void breaker(JsonWriter json, Sampler.Entry entry, long now, boolean full) {
    BreakerTrack track = entry.track();
    CircuitBreakerStats stats = entry.stats();
    json.beginObject()
        .name("name").value(stats.breakerName())
        .name("state").value(stats.state().name())
        .name("inStateMs").value(track.inStateNanos(now) / (long) NANOS_PER_MILLI)
        .name("inStateAtLeast").value(track.inStateAtLeast())
        .name("totalCalls").value(stats.totalCalls())
        .name("totalSuccesses").value(stats.totalSuccesses())
        .name("totalFailures").value(stats.totalFailures())
        .name("totalTimeouts").value(stats.totalTimeouts())
        .name("totalRejections").value(stats.totalRejections())
        .name("totalIgnored").value(stats.totalIgnored())
        .name("failureRate").value(stats.failureRate())
        .name("successRate").value(stats.successRate())
        .name("averageResponseTimeNanos").value(stats.averageResponseTime().toNanos())
        .name("lastError").value(stats.lastError().orElse(null))
        .name("windowCalls").value(stats.windowCalls())
        .name("windowFailures").value(stats.windowFailures())
        .name("windowSlowCalls").value(stats.windowSlowCalls())
        .name("windowFailureRate").value(stats.windowFailureRate())
        .name("windowSlowCallRate").value(stats.windowSlowCallRate())
        .name("callRate").value(track.callRate())
        .name("history").beginObject();
    series(json, "callRate", track.callRates(), full, entry.appended());
    series(json, "failureRate", track.failureRates(), full, entry.appended());
    series(json, "latencyMs", track.latenciesMs(), full, entry.appended());
    json.endObject();
    if (full) {
      json.name("transitions").beginArray();
      for (BreakerTrack.Transition transition : track.transitions()) {
        transitionFields(json.beginObject(), transition, now);
        json.endObject();
      }
      json.endArray();
    }
    json.endObject();
  }

  private static void series(JsonWriter json, String name, DoubleRing ring, boolean full,
      boolean appended) {
    json.name(name).beginArray();
    if (full) {
      for (double value : ring.toArray()) {
        json.value(value);
      }
    } else if (appended) {
      json.value(ring.last());
    }
    json.endArray();
  }

  private static void transitionFields(JsonWriter json, BreakerTrack.Transition t, long now) {
    json.name("id").value(t.id())
        .name("from").value(t.from().name())
        .name("to").value(t.to().name())
        .name("reason").value(t.reason())
        .name("agoMs").value(Math.max(0, now - t.at()) / (long) NANOS_PER_MILLI);
  }
}
