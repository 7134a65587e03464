package dev.breakwater.cli;

import dev.breakwater.newrelic.StateChangeReporter;
import dev.breakwater.testkit.FakeNewRelic;
import dev.breakwater.testkit.Incident;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the demo's report says about alerting and state changes: whether the alert policy was
 * provisioned on the fake, the incidents the fake's evaluation opened (times in seconds into
 * the run), and how many of the breakers' transitions reached New Relic as
 * {@code CircuitBreakerStateChange} events, each standing for itself and the transitions it
 * counts as suppressed by the flapping limit. Immutable.
 *
 * @param provisioned why the policy is missing, or empty if it was provisioned
 * @param transitions the transitions the state change reporter saw
 * @param events the distinct state change events delivered (-1 when it cannot be read, live)
 * @param represented the transitions those events stand for (-1 when it cannot be read, live)
 * @param clockFactor how many times faster than real time the fake's clock ran
 */
record DemoAlerts(Optional<String> provisioned, List<Fired> incidents, long transitions, long events,
    long represented, double clockFactor) {

  /** One incident, in seconds into the run; {@code closedSeconds} is empty while open. */
  record Fired(String condition, List<String> facet, boolean lossOfSignal, double openedSeconds,
      Optional<Double> closedSeconds) {}

  /** Alerting was not part of this run (live runs: the demo leaves a real account alone). */
  static DemoAlerts none(String why, long transitions) {
    return new DemoAlerts(Optional.of(why), List.of(), transitions, -1, -1, 1);
  }

  /** Reads the fake's incidents and the state change events it received. */
  static DemoAlerts of(FakeNewRelic fake, DemoClock clock, Optional<String> provisioned,
      StateChangeReporter reporter) {
    List<Fired> fired = new ArrayList<>();
    for (Incident i : fake.incidents()) {
      fired.add(new Fired(i.conditionName(), i.facet(), i.lossOfSignal(), clock.runSeconds(i.openedAt()),
          i.closedAt().map(clock::runSeconds)));
    }
    Set<List<Object>> distinct = new HashSet<>();
    long represented = 0;
    for (Map<String, Object> e : fake.events(StateChangeReporter.EVENT_TYPE)) {
      if (distinct.add(List.of(e.get("breakerName"), e.get("timestamp"), e.get("fromState"),
          e.get("toState"), String.valueOf(e.get("host"))))) {
        represented += 1 + ((Number) e.getOrDefault("suppressedChanges", 0)).longValue();
      }
    }
    return new DemoAlerts(provisioned, List.copyOf(fired), reporter.transitions(), distinct.size(),
        represented, clock.factor());
  }

  /** Transitions that reached New Relic neither as an event nor counted in one. */
  long lostChanges() {
    return represented < 0 ? 0 : Math.max(0, transitions - represented);
  }
}
