/**
 * Test helpers for code that uses Breakwater: {@code ManualTicker} to drive time by hand,
 * {@code RecordingListener} to capture breaker events, and {@code FakeNewRelic}, a real HTTP
 * server on 127.0.0.1 that speaks New Relic's Event API, Metric API and the NerdGraph operations
 * Breakwater uses, with a fault schedule.
 */
package dev.breakwater.testkit;
