package dev.breakwater.console;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitBreakerEvent.StateChanged;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.RegistryEvent;
import dev.breakwater.Subscription;
import dev.breakwater.Ticker;
import java.lang.System.Logger.Level;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The console's one thread and what it publishes: a sample of every breaker each interval, and
 * each state change as soon as it happens. The breakers' listeners only stamp the change and put
 * it on a lock-free queue (then unpark this thread), so the thread that changed the state never
 * waits for the console. Sampling, applying changes, building snapshots for new clients and
 * broadcasting happen under this object's lock, so every client sees one ordered stream: its
 * snapshot, then every later change and sample, nothing twice and nothing missed.
 *
 * <p>Thread-safe.
 */
final class Feed implements Runnable {
  private static final System.Logger LOG = System.getLogger(BreakwaterConsole.class.getName());
  /** State changes waiting beyond this are dropped (and counted); the next sample shows the state. */
  static final int MAX_PENDING_CHANGES = 10_000;
  private static final long RETRY_MILLIS = 1_000;

  private final CircuitBreakerRegistry registry;
  private final Sampler sampler;
  private final SnapshotJson json;
  private final SseHub hub;
  private final Ticker ticker;
  private final long intervalNanos;
  private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong droppedChanges = new AtomicLong();
  private final ConcurrentHashMap<CircuitBreaker, Subscription> subscriptions =
      new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;
  private Subscription registrySubscription;

  private record Change(CircuitBreaker breaker, StateChanged event, long at) {}

  Feed(CircuitBreakerRegistry registry, Sampler sampler, SnapshotJson json, SseHub hub,
      Ticker ticker, long intervalNanos) {
    this.registry = registry;
    this.sampler = sampler;
    this.json = json;
    this.hub = hub;
    this.ticker = ticker;
    this.intervalNanos = intervalNanos;
    this.thread = new Thread(this, "breakwater-console");
    this.thread.setDaemon(true);
  }

  /** Subscribes to the registry and its breakers, takes the baseline reading, starts the thread. */
  void start() {
    registrySubscription = registry.onEvent(this::registryChanged);
    List<CircuitBreaker> breakers = registry.all();
    breakers.forEach(this::subscribe);
    synchronized (this) {
      sampler.snapshot(breakers);
    }
    thread.start();
  }

  @Override
  public void run() {
    long next = System.nanoTime() + intervalNanos;
    while (!closed) {
      try {
        publishChanges();
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(this, wait);
          continue;
        }
        publishSample();
        next += intervalNanos;
        long now = System.nanoTime();
        if (next - now < 0) {
          next = now + intervalNanos; // fell behind (a paused JVM): skip, do not burst
        }
      } catch (RuntimeException bug) {
        LOG.log(Level.WARNING, "Breakwater console: publishing failed; continuing", bug);
        LockSupport.parkNanos(this, intervalNanos);
      }
    }
  }

  /**
   * Registers a stream client: its queue starts with the reconnect delay and a full snapshot,
   * and from then on gets every broadcast.
   *
   * @return the client, or null if the console is closing or has as many clients as it accepts
   */
  synchronized SseClient join() {
    if (closed || !hub.hasRoom()) {
      return null;
    }
    SseClient client = new SseClient();
    client.offer(SseFrames.retry(RETRY_MILLIS));
    client.offer(SseFrames.event("snapshot", snapshotJson()));
    hub.add(client);
    return client;
  }

  /** The full snapshot of {@code /api/breakers}, with statistics read now. */
  synchronized String snapshotJson() {
    List<CircuitBreaker> breakers = registry.all();
    follow(breakers);
    return json.full(sampler.snapshot(breakers));
  }

  /** Whether the console's thread is still alive. */
  boolean running() {
    return thread.isAlive();
  }

  /** State changes dropped because {@link #MAX_PENDING_CHANGES} were waiting. */
  long droppedChanges() {
    return droppedChanges.get();
  }

  /** Stops the thread and unsubscribes every listener; waits briefly for the thread to end. */
  void close() {
    closed = true;
    LockSupport.unpark(thread);
    if (registrySubscription != null) {
      registrySubscription.close();
    }
    subscriptions.values().forEach(Subscription::close);
    subscriptions.clear();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void publishChanges() {
    if (changes.isEmpty()) {
      return;
    }
    synchronized (this) {
      Change change;
      while ((change = changes.poll()) != null) {
        pending.decrementAndGet();
        BreakerTrack.Transition transition =
            sampler.transition(change.breaker(), change.event(), change.at());
        hub.broadcast(SseFrames.event("state",
            json.stateChange(change.event().breakerName(), transition, sampler.now())));
      }
    }
  }

  private synchronized void publishSample() {
    List<CircuitBreaker> breakers = registry.all();
    follow(breakers);
    hub.broadcast(SseFrames.event("sample", json.sample(sampler.sample(breakers))));
  }

  /** Listens to exactly the registry's breakers; the registry listener covers most of it early. */
  private void follow(List<CircuitBreaker> breakers) {
    Map<CircuitBreaker, Boolean> present = new IdentityHashMap<>(breakers.size() * 2);
    for (CircuitBreaker breaker : breakers) {
      present.put(breaker, Boolean.TRUE);
      subscribe(breaker);
    }
    for (CircuitBreaker breaker : subscriptions.keySet()) {
      if (!present.containsKey(breaker)) {
        unsubscribe(breaker);
      }
    }
  }

  private void registryChanged(RegistryEvent event) {
    if (event instanceof RegistryEvent.Added added) {
      subscribe(added.breaker());
    } else if (event instanceof RegistryEvent.Removed removed) {
      unsubscribe(removed.breaker());
    }
  }

  private void subscribe(CircuitBreaker breaker) {
    if (closed) {
      return;
    }
    subscriptions.computeIfAbsent(breaker, b -> b.onStateChange(event -> breakerEvent(b, event)));
    if (closed) {
      unsubscribe(breaker); // raced with close(): leave no listener behind
    }
  }

  private void unsubscribe(CircuitBreaker breaker) {
    Subscription subscription = subscriptions.remove(breaker);
    if (subscription != null) {
      subscription.close();
    }
  }

  /** Runs on the thread that changed the state: stamp, enqueue, wake; nothing that can block. */
  private void breakerEvent(CircuitBreaker breaker, CircuitBreakerEvent event) {
    if (!(event instanceof StateChanged change) || closed) {
      return;
    }
    if (pending.incrementAndGet() > MAX_PENDING_CHANGES) {
      pending.decrementAndGet();
      droppedChanges.incrementAndGet();
      return;
    }
    changes.offer(new Change(breaker, change, ticker.read()));
    LockSupport.unpark(thread);
  }
}
