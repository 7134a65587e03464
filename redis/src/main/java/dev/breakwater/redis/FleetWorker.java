package dev.breakwater.redis;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitState;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The fleet's one working thread. Each cycle it polls the local breakers, then, if Redis answers,
 * applies the overrides, consults the restart memory for new breakers, writes its report and
 * judges the quorum; if Redis does not answer it keeps the breakers local-only and still ends
 * overrides whose TTL ran out. It runs every poll interval, and at once when signalled (a notice
 * from the channel, a new breaker, an operator's command). It never blocks a caller and no
 * caller ever waits for it; every Redis command it sends has the connector's socket timeout.
 * Its state is confined to its thread; {@link #close()}, {@link #connected()} and
 * {@link #awaitFirstCycle} are thread-safe.
 */
final class FleetWorker implements Runnable {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.redis.RedisFleet");

  private final FleetConfig config;
  private final FleetLink link;
  private final FleetStore store;
  private final FleetActions actions;
  private final Wakeup wakeup;
  private final EventSubscriber subscriber;
  private final Map<String, BreakerTrack> tracks = new LinkedHashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();
  private final Set<String> removed = new LinkedHashSet<>();
  private final CountDownLatch firstCycle = new CountDownLatch(1);
  private final long pollNanos;
  private final long refreshNanos;
  private volatile boolean closing;
  private long nextRefresh = System.nanoTime();
  private long generation;
  private boolean fullReportDue = true;

  FleetWorker(FleetConfig config, FleetLink link, FleetStore store, Wakeup wakeup,
      EventSubscriber subscriber) {
    this.config = config;
    this.link = link;
    this.store = store;
    this.actions = new FleetActions(config.fleet());
    this.wakeup = wakeup;
    this.subscriber = subscriber;
    this.pollNanos = config.pollInterval().toNanos();
    this.refreshNanos = config.refreshInterval().toNanos();
  }

  @Override
  public void run() {
    int signals = Wakeup.FULL;
    boolean failing = false;
    while (!closing) {
      try {
        cycle(signals);
        failing = false;
      } catch (RuntimeException e) {
        if (!failing) { // once per run of failures, not every poll
          LOG.log(Level.WARNING, "fleet '" + config.fleet() + "': a fleet cycle failed; later ones retry", e);
        }
        failing = true;
      }
      firstCycle.countDown();
      signals = closing ? 0 : wakeup.await(untilNextCycle(System.nanoTime()));
    }
    firstCycle.countDown();
    leave();
  }

  /** Waits until the first cycle has run (connected or not), at most {@code millis}. */
  void awaitFirstCycle(long millis) throws InterruptedException {
    firstCycle.await(millis, TimeUnit.MILLISECONDS);
  }

  void close() {
    closing = true;
    wakeup.signal(Wakeup.POLL);
  }

  /** Whether Redis answered the last command (for tests and diagnostics). */
  boolean connected() {
    return !link.down();
  }

  private void cycle(int signals) {
    long now = System.nanoTime();
    boolean added = observeAll(now);
    Jedis jedis = link.connection(now);
    if (jedis == null) {
      endOverridesPastDeadline(now);
      fullReportDue = true;
      return;
    }
    boolean refresh = link.takeFresh() || (signals & Wakeup.FULL) == Wakeup.FULL || now - nextRefresh >= 0;
    try {
      if (refresh || added || (signals & Wakeup.OVERRIDES) != 0 || overrideDeadlinePassed(now)) {
        applyOverrides(jedis, now);
      }
      recallMemory(jedis);
      observeAll(now); // the fleet's own actions above changed some states
      rememberLocalOpenings(jedis, now);
      report(jedis, refresh || fullReportDue);
      if (!config.quorum().isEmpty() && (refresh || (signals & Wakeup.FLEET) != 0)) {
        judgeQuorum(jedis);
      }
      if (refresh) {
        subscriber.keepAlive(3 * refreshNanos + 2 * config.timeout().toNanos());
        nextRefresh = now + refreshNanos;
      }
    } catch (JedisException e) {
      link.failed(e, System.nanoTime());
      fullReportDue = true;
    }
  }

  /** Polls every breaker of the registry; returns whether new ones appeared. */
  private boolean observeAll(long now) {
    long gen = ++generation;
    boolean added = false;
    List<CircuitBreaker> all = config.registry().all();
    for (CircuitBreaker breaker : all) {
      BreakerTrack track = tracks.get(breaker.name());
      if (track == null || track.breaker != breaker) {
        track = new BreakerTrack(breaker);
        tracks.put(breaker.name(), track);
        removed.remove(breaker.name());
        added = true;
      }
      track.generation = gen;
      if (track.observe(now)) {
        changed.add(breaker.name());
      }
    }
    if (tracks.size() != all.size()) {
      for (Iterator<BreakerTrack> it = tracks.values().iterator(); it.hasNext(); ) {
        BreakerTrack track = it.next();
        if (track.generation != gen) {
          it.remove();
          changed.remove(track.name());
          removed.add(track.name());
        }
      }
    }
    return added;
  }

  private void applyOverrides(Jedis jedis, long now) {
    Map<String, FleetOverride> overrides = store.overrides(jedis, new ArrayList<>(tracks.keySet()));
    for (BreakerTrack track : tracks.values()) {
      FleetOverride override = overrides.get(track.name());
      if (override != null) {
        actions.applyOverride(track, override, now);
      } else {
        actions.endOverride(track, "was cleared or expired: back to CLOSED");
      }
    }
  }

  private boolean overrideDeadlinePassed(long now) {
    for (BreakerTrack track : tracks.values()) {
      if (track.applied != null && now - track.overrideDeadline >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Redis is away, yet an override's TTL is a promise: end it when its time is up. */
  private void endOverridesPastDeadline(long now) {
    for (BreakerTrack track : tracks.values()) {
      if (track.applied != null && now - track.overrideDeadline >= 0) {
        actions.endOverride(track, "expired (its TTL ran out while Redis was unreachable): back to CLOSED");
      }
    }
  }

  private void recallMemory(Jedis jedis) {
    List<String> fresh = new ArrayList<>();
    for (BreakerTrack track : tracks.values()) {
      if (!track.memoryChecked) {
        fresh.add(track.name());
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    Map<String, FleetStore.Memory> memories = store.recall(jedis, fresh);
    for (String name : fresh) {
      BreakerTrack track = tracks.get(name);
      track.memoryChecked = true;
      FleetStore.Memory memory = memories.get(name);
      if (memory != null) {
        actions.openFromMemory(track, memory);
      }
    }
  }

  private void rememberLocalOpenings(Jedis jedis, long now) {
    for (BreakerTrack track : tracks.values()) {
      if (track.rememberPending()) {
        long left = track.breaker.config().retryDelay().toNanos() - (now - track.openedAt());
        if (left >= 1_000_000) {
          String why = track.lastError().isEmpty() ? "" : "last error " + track.lastError();
          store.remember(jedis, track.name(), why, TimeUnit.NANOSECONDS.toMillis(left));
        }
        track.remembered();
      }
    }
  }

  private void report(Jedis jedis, boolean full) {
    if (!full && changed.isEmpty() && removed.isEmpty()) {
      return;
    }
    Map<String, String> reports = new LinkedHashMap<>();
    for (BreakerTrack track : tracks.values()) {
      if (full || changed.contains(track.name())) {
        reports.put(track.name(), track.report().encode());
      }
    }
    store.report(jedis, reports, removed, changed);
    changed.clear();
    removed.clear();
    fullReportDue = false;
  }

  private void judgeQuorum(Jedis jedis) {
    List<String> names = new ArrayList<>();
    for (String name : config.quorum().keySet()) {
      if (tracks.containsKey(name)) {
        names.add(name);
      }
    }
    Map<String, List<BreakerReport>> reports = store.reports(jedis, names);
    boolean opened = false;
    for (String name : names) {
      QuorumPolicy policy = config.quorum().get(name);
      QuorumJudge.Verdict verdict = QuorumJudge.judge(policy, reports.get(name));
      BreakerTrack track = tracks.get(name);
      if (!verdict.reached()) {
        track.followed = false; // the episode is over
        continue;
      }
      if (track.followed || track.applied != null || track.lastState() != CircuitState.CLOSED
          || verdict.followerCap() == 0) {
        continue;
      }
      long hold = track.breaker.config().retryDelay().toMillis() + 2 * config.refreshInterval().toMillis();
      if (store.follow(jedis, name, verdict.followerCap(), hold)) {
        actions.openByQuorum(track, verdict, policy);
        opened = true;
      }
    }
    if (opened) {
      wakeup.signal(Wakeup.POLL); // report the openings in the next cycle, at once
    }
  }

  private long untilNextCycle(long now) {
    long wait = Math.min(pollNanos, link.down() ? link.untilNextAttempt(now) : nextRefresh - now);
    for (BreakerTrack track : tracks.values()) {
      if (track.applied != null) {
        wait = Math.min(wait, track.overrideDeadline - now);
      }
    }
    return Math.max(0, wait);
  }

  /** Ends the overrides this fleet applied (nothing would end them now) and removes the report. */
  private void leave() {
    for (BreakerTrack track : tracks.values()) {
      actions.endOverride(track, "no longer reaches this instance (the fleet was closed): back to CLOSED");
    }
    Jedis jedis = link.current();
    if (jedis != null) {
      try {
        store.leave(jedis);
      } catch (JedisException e) {
        LOG.log(Level.DEBUG, "fleet '" + config.fleet() + "': could not remove this instance's report", e);
      }
    }
    link.close();
  }
}
