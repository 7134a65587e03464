package dev.breakwater.newrelic;

/** What a full streamer buffer does with one more event. Every drop is counted and logged. */
public enum OverflowPolicy {
  /** Wait up to the configured timeout for room; drop the new event if none frees up. */
  BLOCK,
  /** Evict the oldest buffered event (not one already being sent) to make room. */
  DROP_OLDEST,
  /** Drop the new event. */
  DROP_NEWEST
}
