/**
 * Test helpers for code that uses Breakwater: a manual ticker, a recording listener, and
 * {@code FakeNewRelic}, a real HTTP server on loopback that speaks New Relic's ingest APIs and
 * NerdGraph, with fault injection.
 */
module dev.breakwater.testkit {
  requires transitive dev.breakwater;
  requires jdk.httpserver;
  requires transitive com.fasterxml.jackson.databind;
  // Only FakeNewRelicExtension needs JUnit; optional, like the Maven dependency. Not transitive:
  // javac would then demand JUnit of every module that reads this one.
  requires static org.junit.jupiter.api;

  exports dev.breakwater.testkit;
}
