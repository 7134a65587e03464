package dev.breakwater.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Listens to the fleet's channel on a thread of its own and turns each notice into a
 * {@link Wakeup} signal for the worker; it never touches a breaker. Jedis reads a subscription
 * without a timeout, so the worker checks it: {@link #keepAlive} pings through the subscription
 * and drops the connection when nothing (not even a pong) came back for too long; the thread then
 * reconnects with a backoff. After every (re)subscription the worker re-reads everything, which
 * covers notices missed meanwhile. Thread-safe.
 */
final class EventSubscriber implements Runnable {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.redis.RedisFleet");
  private static final long MIN_BACKOFF_NANOS = 100_000_000L;

  private final Connector connector;
  private final String channel;
  private final String instanceId;
  private final Wakeup wakeup;
  private final long maxBackoffNanos;
  private final AtomicReference<Jedis> connection = new AtomicReference<>();
  private volatile Listener listener;
  private volatile boolean closed;
  private volatile Thread thread;

  EventSubscriber(Connector connector, Keys keys, String instanceId, Wakeup wakeup,
      long maxBackoffNanos) {
    this.connector = connector;
    this.channel = keys.channel();
    this.instanceId = instanceId;
    this.wakeup = wakeup;
    this.maxBackoffNanos = Math.max(MIN_BACKOFF_NANOS, maxBackoffNanos);
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    long backoff = MIN_BACKOFF_NANOS;
    while (!closed) {
      Jedis jedis = null;
      try {
        jedis = connector.open();
        connection.set(jedis);
        Listener l = new Listener();
        listener = l;
        if (!closed) {
          jedis.subscribe(l, channel); // returns when unsubscribed; throws when the connection breaks
        }
        backoff = MIN_BACKOFF_NANOS;
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, () -> "fleet subscription to " + channel + " lost: " + e.getMessage());
      } finally {
        listener = null;
        connection.set(null);
        if (jedis != null) {
          closeQuietly(jedis);
        }
      }
      long until = System.nanoTime() + backoff;
      while (!closed && until - System.nanoTime() > 0) {
        LockSupport.parkNanos(this, until - System.nanoTime());
      }
      backoff = Math.min(maxBackoffNanos, backoff * 2);
    }
  }

  /**
   * Called by the worker while its own connection works: pings through the subscription, or
   * drops it if nothing came back for {@code staleNanos}.
   */
  void keepAlive(long staleNanos) {
    Listener l = listener;
    if (l == null || !l.subscribed) {
      return;
    }
    if (System.nanoTime() - l.lastHeard > staleNanos) {
      LOG.log(Level.DEBUG, () -> "fleet subscription to " + channel + " went silent; reconnecting");
      drop();
      return;
    }
    try {
      l.ping();
    } catch (RuntimeException e) {
      drop();
    }
  }

  /** Whether a subscription is currently established. */
  boolean subscribed() {
    Listener l = listener;
    return l != null && l.subscribed;
  }

  void close() {
    closed = true;
    Listener l = listener;
    if (l != null && l.subscribed) {
      try {
        l.unsubscribe();
      } catch (RuntimeException e) {
        // the connection is dropped below anyway
      }
    }
    drop();
    LockSupport.unpark(thread);
  }

  private void drop() {
    Jedis jedis = connection.get();
    if (jedis != null) {
      try {
        jedis.disconnect(); // the subscriber thread's blocked read fails and it reconnects
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "disconnecting the fleet subscription failed", e);
      }
    }
  }

  private static void closeQuietly(Jedis jedis) {
    try {
      jedis.close();
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "closing the fleet subscription failed", e);
    }
  }

  /** Turns notices into signals; runs on the subscriber thread. */
  private final class Listener extends JedisPubSub {
    volatile boolean subscribed;
    volatile long lastHeard = System.nanoTime();

    @Override
    public void onSubscribe(String ch, int count) {
      lastHeard = System.nanoTime();
      subscribed = true;
      wakeup.signal(Wakeup.FULL);
    }

    @Override
    public void onMessage(String ch, String message) {
      lastHeard = System.nanoTime();
      int signal = Messages.signalFor(message, instanceId);
      if (signal != 0) {
        wakeup.signal(signal);
      }
    }

    @Override
    public void onPong(String pattern) {
      lastHeard = System.nanoTime();
    }
  }
}
