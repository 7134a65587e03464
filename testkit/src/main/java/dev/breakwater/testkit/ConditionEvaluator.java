package dev.breakwater.testkit;

import dev.breakwater.testkit.ConditionSpec.Term;
import dev.breakwater.testkit.NrqlQuery.Aggregate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Evaluates one static NRQL condition over the events the fake receives, as New Relic's
 * streaming alerts do, on the fake's clock.
 *
 * <p>Events that match the query's FROM and WHERE are grouped into aggregation windows by their
 * own time ({@code timestamp}, else arrival) and by their FACET values (one signal per
 * combination). A window is evaluated when it closes: with EVENT_FLOW when an event of the
 * condition arrives whose time is at least the window's end plus {@code aggregationDelay};
 * with CADENCE when the fake's clock reaches that moment; with EVENT_TIMER when the clock reaches
 * {@code aggregationTimer} after the window's last arrival. Windows close in order; events for a
 * window already evaluated are dropped, as New Relic drops them. A window without data for a
 * known signal gets the fill value (none, the last value, or a static value).
 *
 * <p>A term opens an incident for a signal when its last {@code thresholdDuration /
 * aggregationWindow} values all cross the threshold (ALL), or one of them does (AT_LEAST_ONCE);
 * the incident closes when that many values in a row are present and none crosses. A signal
 * with no data arriving for {@code expirationDuration} (arrival time, not event time) expires:
 * a loss-of-signal incident opens if {@code openViolationOnExpiration}, its incidents close if
 * {@code closeViolationsOnExpiration}, and it starts afresh when data arrives again, which also
 * closes the loss-of-signal incident. Sliding windows ({@code slideBy}) are not modelled.
 *
 * <p>Not thread-safe: the {@link AlertEngine} calls it under its lock.
 */
final class ConditionEvaluator {
  private final ConditionSpec spec;
  private final Aggregate aggregate;
  private final Consumer<IncidentRecord> opened;
  private final TreeMap<Long, Map<List<Object>, List<StoredEvent>>> windows = new TreeMap<>();
  private final Map<Long, Long> lastArrival = new HashMap<>();
  private final Map<List<Object>, Signal> signals = new LinkedHashMap<>();
  private long lastClosed = Long.MIN_VALUE; // index of the last evaluated window; MIN before data
  private long dataClock = Long.MIN_VALUE;

  ConditionEvaluator(ConditionSpec spec, Consumer<IncidentRecord> opened) {
    this.spec = spec;
    this.aggregate = spec.query().select().get(0);
    this.opened = opened;
  }

  /** Takes one event that arrived at {@code now}; the engine has advanced to {@code now}. */
  void accept(StoredEvent e, long now) {
    if (!spec.enabled() || !e.eventType().equals(spec.query().from())
        || !spec.query().where().stream().allMatch(c -> c.test(e.attributes()))) {
      return;
    }
    Optional<List<Object>> key = Nrql.facetValues(spec.query().facets(), e);
    if (key.isEmpty()) {
      return;
    }
    signals.computeIfAbsent(key.get(), Signal::new).arrived(now);
    long index = Math.floorDiv(e.timeMillis(), spec.windowMillis());
    if (lastClosed == Long.MIN_VALUE) {
      lastClosed = index - 1;
    }
    if (index > lastClosed) {
      windows.computeIfAbsent(index, i -> new LinkedHashMap<>())
          .computeIfAbsent(key.get(), k -> new ArrayList<>()).add(e);
      lastArrival.put(index, now);
    }
    if (spec.method().equals("EVENT_FLOW")) {
      dataClock = Math.max(dataClock, e.timeMillis());
      long due = Math.floorDiv(dataClock - spec.delayMillis(), spec.windowMillis()) - 1;
      if (due > lastClosed) {
        closeThrough(due, now);
      }
    }
  }

  /** Applies what the clock brings up to {@code now}: window closes and expirations, in order. */
  void advance(long now) {
    while (true) {
      long close = nextClockClose();
      Signal expiring = null;
      long expiry = Long.MAX_VALUE;
      for (Signal s : signals.values()) {
        if (!s.expired && spec.expirationMillis() > 0
            && s.lastArrival + spec.expirationMillis() < expiry) {
          expiry = s.lastArrival + spec.expirationMillis();
          expiring = s;
        }
      }
      if (Math.min(close, expiry) > now) {
        return;
      }
      if (close <= expiry) {
        closeThrough(spec.method().equals("CADENCE") ? lastClosed + 1 : windows.firstKey(), close);
      } else {
        expiring.expire(expiry);
      }
    }
  }

  /** Closes every open incident (the condition was changed, disabled or forgotten). */
  void stop(long now) {
    for (Signal s : signals.values()) {
      s.open.values().forEach(r -> r.close(now));
      if (s.lossOfSignal != null) {
        s.lossOfSignal.close(now);
      }
    }
  }

  private long nextClockClose() {
    if (spec.method().equals("CADENCE")) {
      return lastClosed == Long.MIN_VALUE ? Long.MAX_VALUE
          : (lastClosed + 2) * spec.windowMillis() + spec.delayMillis();
    }
    if (spec.method().equals("EVENT_TIMER") && !windows.isEmpty()) {
      return lastArrival.get(windows.firstKey()) + spec.timerMillis();
    }
    return Long.MAX_VALUE;
  }

  /**
   * Evaluates every window up to {@code target} in order, those without data as gaps. Of a long
   * run of gaps only the last few can change anything, so at most one history's worth is
   * evaluated.
   */
  private void closeThrough(long target, long at) {
    int cap = spec.historyWindows() + 1;
    long i = lastClosed + 1;
    while (i <= target) {
      Long next = windows.ceilingKey(i);
      long gapEnd = next == null || next > target ? target : next - 1;
      for (long g = Math.max(i, gapEnd - cap + 1); g <= gapEnd; g++) {
        evaluate(Map.of(), at);
      }
      i = gapEnd + 1;
      if (i <= target) {
        lastArrival.remove(i);
        evaluate(windows.remove(i), at);
        i++;
      }
    }
    lastClosed = target;
  }

  private void evaluate(Map<List<Object>, List<StoredEvent>> data, long at) {
    for (Signal s : signals.values()) {
      if (s.expired) {
        continue;
      }
      List<StoredEvent> events = data.get(s.key);
      double value = events == null ? s.fill() : number(aggregate.compute(events));
      if (events != null && !Double.isNaN(value)) {
        s.lastValue = value;
      }
      s.push(value);
      for (Term t : spec.terms()) {
        s.check(t, value, at);
      }
    }
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** One combination of FACET values: its recent values, open incidents and liveness. */
  private final class Signal {
    final List<Object> key;
    final ArrayDeque<Double> history = new ArrayDeque<>(); // newest first; NaN = no value
    final Map<String, IncidentRecord> open = new HashMap<>(); // by priority
    IncidentRecord lossOfSignal;
    double lastValue = Double.NaN;
    long lastArrival;
    boolean expired;

    Signal(List<Object> key) {
      this.key = key;
    }

    void arrived(long now) {
      lastArrival = now;
      if (expired) {
        expired = false;
        if (lossOfSignal != null) {
          lossOfSignal.close(now);
          lossOfSignal = null;
        }
      }
    }

    double fill() {
      return switch (spec.fill()) {
        case "LAST_VALUE" -> lastValue;
        case "STATIC" -> spec.fillValue();
        default -> Double.NaN;
      };
    }

    void push(double value) {
      history.addFirst(value);
      while (history.size() > spec.historyWindows()) {
        history.removeLast();
      }
    }

    void check(Term t, double value, long at) {
      List<Double> recent = new ArrayList<>();
      Iterator<Double> it = history.iterator();
      while (it.hasNext() && recent.size() < t.windows()) {
        recent.add(it.next());
      }
      boolean full = recent.size() == t.windows();
      IncidentRecord incident = open.get(t.priority());
      if (incident == null) {
        boolean violated = t.all() ? full && recent.stream().allMatch(t::crosses)
            : recent.stream().anyMatch(t::crosses);
        if (violated) {
          IncidentRecord r = new IncidentRecord(spec, strings(), t.priority(), false, at, value);
          open.put(t.priority(), r);
          opened.accept(r);
        }
      } else if (full && recent.stream().allMatch(v -> !Double.isNaN(v) && !t.crosses(v))) {
        incident.close(at);
        open.remove(t.priority());
      }
    }

    void expire(long at) {
      expired = true;
      history.clear();
      if (spec.closeOnExpiration()) {
        open.values().forEach(r -> r.close(at));
        open.clear();
      }
      if (spec.openOnExpiration() && lossOfSignal == null) {
        lossOfSignal = new IncidentRecord(spec, strings(), "CRITICAL", true, at, Double.NaN);
        opened.accept(lossOfSignal);
      }
    }

    private List<String> strings() {
      return key.stream().map(String::valueOf).toList();
    }
  }
}
