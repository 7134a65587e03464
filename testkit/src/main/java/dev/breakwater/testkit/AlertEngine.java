package dev.breakwater.testkit;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every stored NRQL condition over the events the fake accepts, on the fake's clock, and
 * keeps the incidents they open. Time-driven steps (CADENCE and EVENT_TIMER windows, expirations)
 * happen lazily: before each batch of events is taken and whenever incidents are read, the
 * engine catches up to the clock's current reading, applying each step at the moment it was due.
 * With a manual clock, a test advances the clock and reads {@link FakeNewRelic#incidents()}.
 * Thread-safe (one lock).
 */
final class AlertEngine {
  private static final System.Logger LOG = System.getLogger(FakeNewRelic.class.getName());

  private final Clock clock;
  private final Map<String, ConditionEvaluator> evaluators = new LinkedHashMap<>();
  private final List<IncidentRecord> incidents = new ArrayList<>();

  AlertEngine(Clock clock) {
    this.clock = clock;
  }

  /** A condition was created or changed: its evaluation starts afresh and its incidents close. */
  synchronized void saved(StoredAlertCondition condition) {
    long now = clock.millis();
    advance(now);
    ConditionEvaluator old = evaluators.remove(condition.id());
    if (old != null) {
      old.stop(now);
    }
    try {
      evaluators.put(condition.id(), new ConditionEvaluator(ConditionSpec.of(condition),
          incidents::add));
    } catch (NrqlSyntaxException e) {
      // ConditionRules checked the query before it was stored; this would be a bug in the fake.
      LOG.log(Level.WARNING, "FakeNewRelic cannot evaluate condition " + condition.id(), e);
    }
  }

  /** Events the Event API accepted just now. */
  synchronized void accept(List<StoredEvent> events) {
    long now = clock.millis();
    advance(now);
    for (StoredEvent e : events) {
      for (ConditionEvaluator evaluator : evaluators.values()) {
        evaluator.accept(e, now);
      }
    }
  }

  /** Every incident opened so far, oldest first, as of the clock's current reading. */
  synchronized List<Incident> incidents() {
    advance(clock.millis());
    return incidents.stream().map(IncidentRecord::snapshot).toList();
  }

  synchronized void clear() {
    evaluators.clear();
    incidents.clear();
  }

  private void advance(long now) {
    evaluators.values().forEach(e -> e.advance(now));
  }
}
