package dev.breakwater.newrelic;

import java.util.List;

/**
 * A batch of items (events or metrics) and its gzipped JSON encoding, ready to post. Immutable.
 *
 * @param <T> the item type
 */
record Payload<T>(List<T> items, byte[] gzipped) {}
