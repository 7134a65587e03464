package dev.breakwater.redis;

import dev.breakwater.CircuitBreakerRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A fleet's settings, checked by {@link RedisFleet.Builder}. Immutable.
 *
 * @param registry the breakers this instance shares with the fleet
 * @param redis the server
 * @param fleet the fleet's name
 * @param instanceId this instance's id
 * @param timeout connect and socket timeout of every Redis command
 * @param refreshInterval how often overrides and the fleet's reports are re-read and this
 *     instance's full report is written
 * @param pollInterval how often local breakers are polled for transitions
 * @param quorum the breakers with a quorum, by name
 */
record FleetConfig(CircuitBreakerRegistry registry, URI redis, String fleet, String instanceId,
    Duration timeout, Duration refreshInterval, Duration pollInterval, Map<String, QuorumPolicy> quorum) {

  FleetConfig {
    quorum = Map.copyOf(quorum);
  }

  /**
   * How long an instance's report lives without renewal: three refreshes, plus two timeouts for
   * a worker held up by a slow command.
   */
  Duration instanceTtl() {
    return refreshInterval.multipliedBy(3).plus(timeout.multipliedBy(2));
  }
}
