package dev.breakwater.newrelic;

import java.util.List;
import java.util.Map;

/** A batch of events and its gzipped JSON encoding, ready to post. Immutable. */
record Payload(List<Map<String, ?>> events, byte[] gzipped) {}
