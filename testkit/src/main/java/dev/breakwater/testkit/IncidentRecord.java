package dev.breakwater.testkit;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the fake keeps it while it may still close. Not thread-safe: the
 * {@link AlertEngine} guards every record with its lock.
 */
final class IncidentRecord {
  private final ConditionSpec condition;
  private final List<String> facet;
  private final String priority;
  private final boolean lossOfSignal;
  private final long openedAt;
  private final double value;
  private long closedAt = -1;

  IncidentRecord(ConditionSpec condition, List<String> facet, String priority,
      boolean lossOfSignal, long openedAt, double value) {
    this.condition = condition;
    this.facet = List.copyOf(facet);
    this.priority = priority;
    this.lossOfSignal = lossOfSignal;
    this.openedAt = openedAt;
    this.value = value;
  }

  boolean isOpen() {
    return closedAt < 0;
  }

  void close(long at) {
    if (isOpen()) {
      closedAt = Math.max(at, openedAt);
    }
  }

  Incident snapshot() {
    return new Incident(condition.policyId(), condition.id(), condition.name(), facet, priority,
        lossOfSignal, Instant.ofEpochMilli(openedAt),
        isOpen() ? null : Instant.ofEpochMilli(closedAt), value);
  }
}
