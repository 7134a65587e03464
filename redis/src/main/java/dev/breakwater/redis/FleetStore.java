package dev.breakwater.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * What an instance reads from and writes to Redis, one round trip per method where it can
 * (pipelines, scripts). It holds no connection: the fleet worker passes its own, and any
 * {@link redis.clients.jedis.exceptions.JedisException} goes back to it. Immutable and
 * thread-safe.
 */
final class FleetStore {
  private final Keys keys;
  private final String instanceId;
  private final long ttlMillis;

  FleetStore(Keys keys, String instanceId, Duration instanceTtl) {
    this.keys = keys;
    this.instanceId = instanceId;
    this.ttlMillis = instanceTtl.toMillis();
  }

  /** Who opened a breaker, why, and how much of its delay is left, as the fleet remembers it. */
  record Memory(String openedBy, String why, long remainingMillis) {}

  static String field(String breaker) {
    return "b:" + breaker;
  }

  /**
   * Writes this instance's reports (breaker name to {@link BreakerReport#encode()}), drops those
   * of removed breakers, renews the heartbeat and announces the breakers that changed state.
   */
  void report(Jedis jedis, Map<String, String> reports, Collection<String> removed,
      Collection<String> changed) {
    String hash = keys.instance(instanceId);
    List<String> args = new ArrayList<>(2 + 2 * reports.size());
    args.add(Long.toString(ttlMillis));
    args.add(instanceId);
    reports.forEach((breaker, value) -> {
      args.add(field(breaker));
      args.add(value);
    });
    Pipeline pipeline = jedis.pipelined();
    if (!removed.isEmpty()) {
      pipeline.hdel(hash, removed.stream().map(FleetStore::field).toArray(String[]::new));
    }
    Response<Object> written = pipeline.eval(Scripts.REPORT, List.of(hash, keys.instances()), args);
    for (String breaker : changed) {
      pipeline.publish(keys.channel(), Messages.state(instanceId, breaker));
    }
    pipeline.sync();
    written.get(); // throws if the script failed
  }

  /** The overrides in force for these breakers, by name. */
  Map<String, FleetOverride> overrides(Jedis jedis, List<String> breakers) {
    if (breakers.isEmpty()) {
      return Map.of();
    }
    Pipeline pipeline = jedis.pipelined();
    List<Response<String>> values = new ArrayList<>(breakers.size());
    List<Response<Long>> ttls = new ArrayList<>(breakers.size());
    for (String breaker : breakers) {
      values.add(pipeline.get(keys.override(breaker)));
      ttls.add(pipeline.pttl(keys.override(breaker)));
    }
    pipeline.sync();
    Map<String, FleetOverride> found = new HashMap<>();
    for (int i = 0; i < breakers.size(); i++) {
      String breaker = breakers.get(i);
      FleetOverride.decode(breaker, values.get(i).get(), ttls.get(i).get())
          .ifPresent(o -> found.put(breaker, o));
    }
    return found;
  }

  /** For each breaker, the reports of every instance whose report has not expired, this one's too. */
  Map<String, List<BreakerReport>> reports(Jedis jedis, List<String> breakers) {
    Map<String, List<BreakerReport>> found = new HashMap<>();
    breakers.forEach(b -> found.put(b, new ArrayList<>()));
    if (breakers.isEmpty()) {
      return found;
    }
    List<String> ids = jedis.zrange(keys.instances(), 0, -1);
    String[] fields = breakers.stream().map(FleetStore::field).toArray(String[]::new);
    Pipeline pipeline = jedis.pipelined();
    List<Response<List<String>>> rows = new ArrayList<>(ids.size());
    for (String id : ids) {
      rows.add(pipeline.hmget(keys.instance(id), fields)); // an expired report reads as nulls
    }
    pipeline.sync();
    for (Response<List<String>> row : rows) {
      List<String> values = row.get();
      for (int i = 0; i < breakers.size(); i++) {
        String breaker = breakers.get(i);
        BreakerReport.decode(breaker, values.get(i)).ifPresent(found.get(breaker)::add);
      }
    }
    return found;
  }

  /** Asks for one of the quorum's follower slots of {@code breaker}; true if granted. */
  boolean follow(Jedis jedis, String breaker, int cap, long holdMillis) {
    Object admitted = jedis.eval(Scripts.FOLLOW, List.of(keys.followers(breaker)),
        List.of(instanceId, Integer.toString(cap), Long.toString(holdMillis)));
    return Long.valueOf(1).equals(admitted);
  }

  /** Remembers that this instance opened {@code breaker}, for {@code millis} (unless a longer memory exists). */
  void remember(Jedis jedis, String breaker, String why, long millis) {
    jedis.eval(Scripts.REMEMBER, List.of(keys.opened(breaker)),
        List.of(instanceId + "\n" + why, Long.toString(millis)));
  }

  /** The fleet's memory of these breakers' openings that have time left, by name. */
  Map<String, Memory> recall(Jedis jedis, List<String> breakers) {
    if (breakers.isEmpty()) {
      return Map.of();
    }
    Pipeline pipeline = jedis.pipelined();
    List<Response<String>> values = new ArrayList<>(breakers.size());
    List<Response<Long>> ttls = new ArrayList<>(breakers.size());
    for (String breaker : breakers) {
      values.add(pipeline.get(keys.opened(breaker)));
      ttls.add(pipeline.pttl(keys.opened(breaker)));
    }
    pipeline.sync();
    Map<String, Memory> found = new HashMap<>();
    for (int i = 0; i < breakers.size(); i++) {
      String value = values.get(i).get();
      long ttl = ttls.get(i).get();
      if (value != null && ttl > 0) {
        String[] parts = value.split("\n", 2);
        found.put(breakers.get(i), new Memory(parts[0], parts.length > 1 ? parts[1] : "", ttl));
      }
    }
    return found;
  }

  /** Removes this instance's report: it is leaving the fleet. */
  void leave(Jedis jedis) {
    Pipeline pipeline = jedis.pipelined();
    pipeline.del(keys.instance(instanceId));
    pipeline.zrem(keys.instances(), instanceId);
    pipeline.sync();
  }
}
