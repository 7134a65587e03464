package dev.breakwater.newrelic;

/**
 * A snapshot of a streamer's buffered mode. Every accepted event is delivered, dropped, or still
 * in the buffer: {@code accepted == delivered + dropped + inBuffer} at all times.
 *
 * @param accepted valid events handed to {@code offer} (those it dropped at once included)
 * @param delivered events New Relic accepted
 * @param dropped every event given up on: {@code droppedOverflow + droppedRefused + droppedOnClose}
 * @param droppedOverflow events dropped because the buffer was full
 * @param droppedRefused events New Relic refused for good (400, 403, 413 for a single event, ...)
 *     or that became invalid while buffered (a timestamp older than 24 hours)
 * @param droppedOnClose events still undelivered when {@code close()} gave up waiting
 * @param inBuffer events waiting or being sent
 * @param bufferedBytes the estimated JSON size of the events in the buffer
 * @param batches payloads New Relic accepted
 * @param retries requests repeated after a transient failure, and batches sent again later
 * @param invalid events {@code offer} refused as invalid (not counted in {@code accepted})
 */
public record StreamerStats(
    long accepted,
    long delivered,
    long dropped,
    long droppedOverflow,
    long droppedRefused,
    long droppedOnClose,
    long inBuffer,
    long bufferedBytes,
    long batches,
    long retries,
    long invalid) {}
