package dev.breakwater.redis;

import dev.breakwater.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * An operator's commands: set and clear overrides, read the fleet's status. Each command opens
 * its own connection on the calling thread and closes it, so commands never queue behind one
 * another or behind the fleet worker; each waits at most the connector's timeout per round trip.
 * Immutable and thread-safe.
 */
final class FleetAdmin {
  private final Connector connector;
  private final Keys keys;
  private final String fleet;

  FleetAdmin(Connector connector, String fleet) {
    this.connector = connector;
    this.keys = new Keys(fleet);
    this.fleet = fleet;
  }

  void set(String breaker, CircuitState mode, Duration ttl, String issuedBy, String reason) {
    run("set the override of '" + breaker + "'", jedis -> {
      Pipeline pipeline = jedis.pipelined();
      Response<String> written = pipeline.set(keys.override(breaker),
          FleetOverride.encode(mode, issuedBy, reason), SetParams.setParams().px(ttl.toMillis()));
      pipeline.publish(keys.channel(), Messages.override(breaker));
      pipeline.sync();
      return written.get();
    });
  }

  boolean clear(String breaker) {
    return run("clear the override of '" + breaker + "'", jedis -> {
      Pipeline pipeline = jedis.pipelined();
      Response<Long> deleted = pipeline.del(keys.override(breaker));
      pipeline.publish(keys.channel(), Messages.override(breaker));
      pipeline.sync();
      return deleted.get() > 0;
    });
  }

  FleetStatus status() {
    return run("read the status of fleet '" + fleet + "'", jedis -> {
      List<String> time = jedis.time();
      long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
      return new FleetStatus(fleet, instances(jedis, now), overrides(jedis));
    });
  }

  private List<FleetOverride> overrides(Jedis jedis) {
    TreeSet<String> found = new TreeSet<>(); // SCAN may return a key twice
    ScanParams params = new ScanParams().match(keys.overridePattern()).count(500);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = jedis.scan(cursor, params);
      found.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    Pipeline pipeline = jedis.pipelined();
    List<Response<String>> values = new ArrayList<>();
    List<Response<Long>> ttls = new ArrayList<>();
    for (String key : found) {
      values.add(pipeline.get(key));
      ttls.add(pipeline.pttl(key));
    }
    pipeline.sync();
    List<FleetOverride> overrides = new ArrayList<>();
    int i = 0;
    for (String key : found) {
      FleetOverride.decode(keys.breakerOfOverride(key), values.get(i).get(), ttls.get(i).get())
          .ifPresent(overrides::add);
      i++;
    }
    return overrides;
  }

  private List<InstanceReport> instances(Jedis jedis, long now) {
    List<String> ids = jedis.zrange(keys.instances(), 0, -1);
    Pipeline pipeline = jedis.pipelined();
    List<Response<Map<String, String>>> hashes = new ArrayList<>(ids.size());
    for (String id : ids) {
      hashes.add(pipeline.hgetAll(keys.instance(id)));
    }
    pipeline.sync();
    List<InstanceReport> instances = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Map<String, String> hash = hashes.get(i).get();
      String at = hash.get("@at");
      if (at == null) {
        continue; // the report expired: the instance is gone
      }
      List<BreakerReport> breakers = new ArrayList<>();
      hash.forEach((field, value) -> {
        if (field.startsWith("b:")) {
          BreakerReport.decode(field.substring(2), value).ifPresent(breakers::add);
        }
      });
      breakers.sort(Comparator.comparing(BreakerReport::breakerName));
      long age = Math.max(0, now - parseLong(at));
      instances.add(new InstanceReport(ids.get(i), Duration.ofMillis(age), breakers));
    }
    instances.sort(Comparator.comparing(InstanceReport::instanceId));
    return instances;
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private <T> T run(String what, Function<Jedis, T> command) {
    try (Jedis jedis = connector.open()) {
      return command.apply(jedis);
    } catch (JedisException e) {
      throw new FleetUnavailableException("could not " + what + ": Redis at " + connector.describe()
          + " failed (" + e.getMessage() + ")", e);
    }
  }
}
