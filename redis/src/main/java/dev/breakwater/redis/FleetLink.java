package dev.breakwater.redis;

import java.lang.System.Logger.Level;
import redis.clients.jedis.Jedis;

/**
 * The fleet worker's connection to Redis and what it knows of Redis's health: it reconnects with
 * a backoff (100 ms doubling up to {@code maxBackoff}), logs the first failure of an outage once
 * as a warning and the return once, and only at debug level in between. Confined to the worker
 * thread, except {@link #down()}, which any thread may read.
 */
final class FleetLink {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.redis.RedisFleet");
  private static final long MIN_BACKOFF_NANOS = 100_000_000L;

  private final Connector connector;
  private final String fleet;
  private final long maxBackoffNanos;
  private Jedis jedis;
  private volatile boolean down; // read by RedisFleet.connected() on other threads
  private boolean fresh;
  private long nextAttemptNanos;
  private long backoffNanos = MIN_BACKOFF_NANOS;

  FleetLink(Connector connector, String fleet, long maxBackoffNanos) {
    this.connector = connector;
    this.fleet = fleet;
    this.maxBackoffNanos = Math.max(MIN_BACKOFF_NANOS, maxBackoffNanos);
  }

  /**
   * Returns the connection, connecting first if the backoff allows; null while Redis is
   * unreachable.
   */
  Jedis connection(long now) {
    if (jedis != null) {
      return jedis;
    }
    if (now - nextAttemptNanos < 0) {
      return null;
    }
    try {
      jedis = connector.open();
    } catch (RuntimeException e) {
      failed(e, now);
      return null;
    }
    fresh = true;
    backoffNanos = MIN_BACKOFF_NANOS;
    if (down) {
      down = false;
      LOG.log(Level.INFO, () -> "fleet '" + fleet + "': Redis at " + connector.describe()
          + " is reachable again; reconverging with the fleet");
    }
    return jedis;
  }

  /** The connection if there is one, without trying to connect. */
  Jedis current() {
    return jedis;
  }

  /** Whether the connection was made since the last call: everything must be re-read and re-sent. */
  boolean takeFresh() {
    boolean was = fresh;
    fresh = false;
    return was;
  }

  /** Nanos until the next connection attempt, or 0 if connected or due. */
  long untilNextAttempt(long now) {
    return jedis != null ? 0 : Math.max(0, nextAttemptNanos - now);
  }

  /** A command failed: drop the connection and run local-only until Redis answers again. */
  void failed(RuntimeException cause, long now) {
    closeQuietly();
    nextAttemptNanos = now + backoffNanos;
    backoffNanos = Math.min(maxBackoffNanos, backoffNanos * 2);
    if (!down) {
      down = true;
      LOG.log(Level.WARNING, () -> "fleet '" + fleet + "': Redis at " + connector.describe()
          + " is unreachable (" + cause.getMessage() + "); breakers run local-only until it returns");
    } else {
      LOG.log(Level.DEBUG, () -> "fleet '" + fleet + "': Redis still unreachable: " + cause.getMessage());
    }
  }

  boolean down() {
    return down;
  }

  void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    Jedis j = jedis;
    jedis = null;
    if (j != null) {
      try {
        j.close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing a broken Redis connection failed", e);
      }
    }
  }
}
