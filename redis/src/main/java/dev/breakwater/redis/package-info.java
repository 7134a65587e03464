/**
 * Fleet coordination of circuit breakers through Redis, off the call path. {@link
 * dev.breakwater.redis.RedisFleet} attaches a registry to a fleet (reports, overrides with a TTL,
 * restart memory, an opt-in {@link dev.breakwater.redis.QuorumPolicy quorum});
 * {@link dev.breakwater.redis.FleetControl} gives tools that are not instances the operator's
 * commands and the {@link dev.breakwater.redis.FleetStatus fleet's status}.
 */
package dev.breakwater.redis;
