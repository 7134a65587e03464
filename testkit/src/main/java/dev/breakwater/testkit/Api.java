package dev.breakwater.testkit;

/**
 * The three New Relic APIs {@link FakeNewRelic} speaks, each on its own path of the same port.
 * Faults are scheduled and received requests are filtered per API. Enum constants are immutable
 * and thread-safe.
 */
public enum Api {
  /**
   * The Event API: {@code POST /v1/accounts/{accountId}/events} and
   * {@code POST /v1/accounts/events}.
   */
  EVENTS,
  /** The Metric API: {@code POST /metric/v1}. */
  METRICS,
  /** NerdGraph: {@code POST /graphql}. */
  NERDGRAPH
}
