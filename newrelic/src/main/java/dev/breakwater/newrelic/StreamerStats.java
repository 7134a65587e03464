package dev.breakwater.newrelic;

import java.util.Objects;

/**
 * A snapshot of a streamer's buffered mode. Every accepted event is delivered, dropped, or still
 * in the buffer: {@code accepted() == delivered() + dropped() + inBuffer()} at all times.
 *
 * <p>A final class rather than a record on purpose: streamers make these and users only read
 * them, and a snapshot of counters gains counters over time; a record's public canonical
 * constructor would make each new counter a breaking change for nothing a user needs.
 *
 * <p>Immutable and thread-safe; {@link #equals} compares every counter.
 */
public final class StreamerStats {
  private final long accepted;
  private final long delivered;
  private final long droppedOverflow;
  private final long droppedRefused;
  private final long droppedOnClose;
  private final long inBuffer;
  private final long bufferedBytes;
  private final long batches;
  private final long retries;
  private final long invalid;

  StreamerStats(long accepted, long delivered, long droppedOverflow, long droppedRefused,
      long droppedOnClose, long inBuffer, long bufferedBytes, long batches, long retries, long invalid) {
    this.accepted = accepted;
    this.delivered = delivered;
    this.droppedOverflow = droppedOverflow;
    this.droppedRefused = droppedRefused;
    this.droppedOnClose = droppedOnClose;
    this.inBuffer = inBuffer;
    this.bufferedBytes = bufferedBytes;
    this.batches = batches;
    this.retries = retries;
    this.invalid = invalid;
  }

  /**
   * Valid events handed to {@code offer}, those it dropped at once included.
   *
   * @return the number of accepted events
   */
  public long accepted() {
    return accepted;
  }

  /**
   * Events New Relic accepted.
   *
   * @return the number of delivered events
   */
  public long delivered() {
    return delivered;
  }

  /**
   * Every event given up on: {@code droppedOverflow() + droppedRefused() + droppedOnClose()}.
   *
   * @return the number of dropped events
   */
  public long dropped() {
    return droppedOverflow + droppedRefused + droppedOnClose;
  }

  /**
   * Events dropped because the buffer was full: refused newcomers, and buffered events evicted
   * by {@link OverflowPolicy#DROP_OLDEST}.
   *
   * @return the number of events dropped for lack of room
   */
  public long droppedOverflow() {
    return droppedOverflow;
  }

  /**
   * Events New Relic refused for good (400, 403, 413 for a single event, ...) or that became
   * invalid while buffered (a timestamp older than 24 hours).
   *
   * @return the number of refused events
   */
  public long droppedRefused() {
    return droppedRefused;
  }

  /**
   * Events still undelivered when {@code close()} gave up waiting.
   *
   * @return the number of events dropped on close
   */
  public long droppedOnClose() {
    return droppedOnClose;
  }

  /**
   * Events waiting or being sent.
   *
   * @return the number of events in the buffer
   */
  public long inBuffer() {
    return inBuffer;
  }

  /**
   * The estimated JSON size of the events in the buffer.
   *
   * @return the buffered bytes, estimated
   */
  public long bufferedBytes() {
    return bufferedBytes;
  }

  /**
   * Payloads New Relic accepted.
   *
   * @return the number of delivered payloads
   */
  public long batches() {
    return batches;
  }

  /**
   * Requests repeated after a transient failure, and batches sent again later.
   *
   * @return the number of retries
   */
  public long retries() {
    return retries;
  }

  /**
   * Events {@code offer} refused as invalid (not counted in {@link #accepted()}).
   *
   * @return the number of invalid events
   */
  public long invalid() {
    return invalid;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamerStats s && accepted == s.accepted && delivered == s.delivered
        && droppedOverflow == s.droppedOverflow && droppedRefused == s.droppedRefused
        && droppedOnClose == s.droppedOnClose && inBuffer == s.inBuffer
        && bufferedBytes == s.bufferedBytes && batches == s.batches && retries == s.retries
        && invalid == s.invalid;
  }

  @Override
  public int hashCode() {
    return Objects.hash(accepted, delivered, droppedOverflow, droppedRefused, droppedOnClose, inBuffer,
        bufferedBytes, batches, retries, invalid);
  }

  @Override
  public String toString() {
    return "StreamerStats{accepted=" + accepted + ", delivered=" + delivered + ", dropped=" + dropped()
        + " (overflow " + droppedOverflow + ", refused " + droppedRefused + ", on close " + droppedOnClose
        + "), inBuffer=" + inBuffer + ", bufferedBytes=" + bufferedBytes + ", batches=" + batches
        + ", retries=" + retries + ", invalid=" + invalid + "}";
  }
}
