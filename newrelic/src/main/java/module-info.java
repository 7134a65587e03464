/**
 * Breakwater for New Relic: the NerdGraph, Event API and Metric API clients protected by
 * circuit breakers, the buffered streamers, the breaker monitor and the dashboard.
 */
module dev.breakwater.newrelic {
  requires transitive dev.breakwater;
  requires transitive java.net.http;
  requires transitive com.fasterxml.jackson.databind;

  exports dev.breakwater.newrelic;
}
