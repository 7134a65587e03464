package dev.breakwater.redis;

/**
 * The Lua scripts the fleet runs, each one atomic on the server and timed by the server's clock
 * ({@code TIME}), never by an instance's. Redis 5 or later (scripts may call {@code TIME}).
 * Constants only.
 */
final class Scripts {
  private static final String NOW = String.join("\n",
      "local t = redis.call('TIME')",
      "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)");

  /**
   * An instance's report. KEYS: the instance hash, the instance index. ARGV: TTL in ms, instance
   * id, then field/value pairs. Writes the fields and {@code @at}, renews the hash's TTL, scores
   * the instance in the index by when its report expires and drops expired entries.
   */
  static final String REPORT = String.join("\n", NOW,
      "local ttl = tonumber(ARGV[1])",
      "for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end",
      "redis.call('HSET', KEYS[1], '@at', now)",
      "redis.call('PEXPIRE', KEYS[1], ttl)",
      "redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)",
      "redis.call('ZADD', KEYS[2], now + ttl, ARGV[2])",
      "if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end",
      "return now");

  /**
   * Joins the quorum's followers if the cap allows. KEYS: the followers set. ARGV: instance id,
   * cap, how long the slot is held in ms. Returns 1 if admitted (or already a member), else 0.
   */
  static final String FOLLOW = String.join("\n", NOW,
      "local hold = tonumber(ARGV[3])",
      "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)",
      "if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then",
      "  if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end",
      "end",
      "redis.call('ZADD', KEYS[1], now + hold, ARGV[1])",
      "if redis.call('PTTL', KEYS[1]) < hold then redis.call('PEXPIRE', KEYS[1], hold) end",
      "return 1");

  /**
   * Restart memory: sets the value with the TTL unless the key already lives longer. KEYS: the
   * memory key. ARGV: value, TTL in ms. Returns 1 if written.
   */
  static final String REMEMBER = String.join("\n",
      "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then",
      "  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])",
      "  return 1",
      "end",
      "return 0");

  private Scripts() {}
}
