/**
 * Breakwater for New Relic: the NerdGraph, Event API and Metric API clients protected by
 * circuit breakers, the buffered streamers, the breaker monitor, the state change reporter, the
 * dashboard and the alert policy.
 */
module dev.breakwater.newrelic {
  requires transitive dev.breakwater;
  requires transitive java.net.http;
  requires transitive com.fasterxml.jackson.databind;

  exports dev.breakwater.newrelic;
}
