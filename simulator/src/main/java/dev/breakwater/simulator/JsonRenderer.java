package dev.breakwater.simulator;

import dev.breakwater.CircuitBreakerConfig;
import java.util.List;

/**
 * The report as JSON: an array with one object per candidate, in the candidates' order. Counts
 * are whole numbers, delays milliseconds (exact, possibly with decimals, null when there is
 * none), availability a percentage. Stateless.
 */
final class JsonRenderer {
  private JsonRenderer() {}

  static String render(SimulationReport report) {
    StringBuilder out = new StringBuilder("[");
    List<Figures> figures = report.figures();
    for (int i = 0; i < figures.size(); i++) {
      out.append(i == 0 ? "\n  " : ",\n  ");
      candidate(new JsonWriter(out), figures.get(i), report.onFront(i), report.isRecommended(i));
    }
    return out.append("\n]\n").toString();
  }

  private static void candidate(JsonWriter json, Figures f, boolean front, boolean recommended) {
    json.beginObject().field("candidate", f.name());
    counts(json, f.overall());
    json.field("paretoOptimal", front).field("recommended", recommended);
    json.name("config").beginObject();
    CircuitBreakerConfig c = f.candidate();
    for (ConfigKeys.Key k : ConfigKeys.KEYS) {
      Object value = k.getter().apply(c);
      if (k.kind() == ConfigKeys.Kind.DURATION) {
        json.field(k.name(), ConfigKeys.format(k, value));
      } else {
        json.name(k.name()).number(ConfigKeys.format(k, value));
      }
    }
    json.endObject();
    json.name("phases").beginArray();
    for (PhaseFigures p : f.phases()) {
      json.beginObject().field("name", p.name()).field("fault", p.fault())
          .name("startMs").number(Durations.millis(p.start().toNanos()))
          .name("endMs").number(Durations.millis(p.end().toNanos()));
      counts(json, p);
      json.name("detectionDelayMs").number(p.detectionDelay().map(d -> Durations.millis(d.toNanos())).orElse(null))
          .name("recoveryDelayMs").number(p.recoveryDelay().map(d -> Durations.millis(d.toNanos())).orElse(null))
          .endObject();
    }
    json.endArray().endObject();
  }

  private static void counts(JsonWriter json, PhaseFigures p) {
    json.field("failedCallsAdmitted", p.failedCallsAdmitted())
        .field("healthyCallsRejected", p.healthyCallsRejected())
        .field("opens", p.opens())
        .field("trialCalls", p.trialCalls())
        .field("falseOpens", p.falseOpens())
        .field("calls", p.calls())
        .field("admitted", p.admitted())
        .field("rejected", p.rejected())
        .field("successfulCalls", p.successfulCalls())
        .field("timeouts", p.timeouts())
        .field("ignoredCalls", p.ignoredCalls())
        .field("filledCalls", p.filledCalls())
        .name("availabilityPercent").number(Rates.format(p.availability()));
  }
}
