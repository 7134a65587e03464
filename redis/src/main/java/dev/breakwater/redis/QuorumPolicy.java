package dev.breakwater.redis;

import java.util.Locale;

/**
 * An opt-in advisory quorum for one breaker: when at least {@code openPercent} % of at least
 * {@code minInstances} reporting instances have the breaker OPEN on their own evidence, instances
 * whose breaker is still CLOSED open it too, for its {@code retryDelay}, and then probe the
 * dependency with trial calls as usual.
 *
 * <p>Capped: at any moment at most ⌊{@code maxFollowerShare} × (reporting − open)⌋ instances
 * are open because of the quorum (admitted atomically in Redis). With a share below 1 at least
 * one instance without evidence of its own keeps calling, so a fleet never ejects itself
 * entirely from a healthy dependency on the word of some of its instances. An instance whose
 * trial calls close the breaker follows no more until the quorum has dissolved; instances opened
 * by the quorum never count towards it. Immutable.
 *
 * <pre>{@code
 * RedisFleet.builder(registry, URI.create("redis://redis.internal:6379"))
 *     .quorum("payments", QuorumPolicy.of(50, 3))
 *     .build();
 * }</pre>
 *
 * @param openPercent the share of reporting instances, in percent, that must have the breaker
 *     open: in (0, 100]
 * @param minInstances how many instances must report the breaker before the quorum can act: at
 *     least 2
 * @param maxFollowerShare the largest share of the instances that are not open on their own
 *     evidence that the quorum may open at once: in (0, 1)
 */
public record QuorumPolicy(double openPercent, int minInstances, double maxFollowerShare) {
  /** The default {@code maxFollowerShare}: half of the instances without evidence follow. */
  public static final double DEFAULT_MAX_FOLLOWER_SHARE = 0.5;

  /**
   * Validates the components.
   *
   * @param openPercent the share of reporting instances, in percent, that must be open
   * @param minInstances how many instances must report the breaker
   * @param maxFollowerShare the largest share of the other instances the quorum may open
   * @throws IllegalArgumentException if a value is out of range; the message names it
   */
  public QuorumPolicy {
    if (!(openPercent > 0 && openPercent <= 100)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "openPercent must be in (0, 100], was %s", openPercent));
    }
    if (minInstances < 2) {
      throw new IllegalArgumentException("minInstances must be at least 2, was " + minInstances);
    }
    if (!(maxFollowerShare > 0 && maxFollowerShare < 1)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "maxFollowerShare must be in (0, 1), was %s", maxFollowerShare));
    }
  }

  /**
   * A quorum with the default follower cap, {@value #DEFAULT_MAX_FOLLOWER_SHARE}.
   *
   * @param openPercent the share of reporting instances, in percent, that must be open
   * @param minInstances how many instances must report the breaker
   * @return the policy
   * @throws IllegalArgumentException if a value is out of range
   */
  public static QuorumPolicy of(double openPercent, int minInstances) {
    return new QuorumPolicy(openPercent, minInstances, DEFAULT_MAX_FOLLOWER_SHARE);
  }

  /**
   * This policy with another follower cap.
   *
   * @param share the largest share of the instances not open on their own evidence that the
   *     quorum may open at once, in (0, 1)
   * @return a new policy
   * @throws IllegalArgumentException if {@code share} is out of range
   */
  public QuorumPolicy withMaxFollowerShare(double share) {
    return new QuorumPolicy(openPercent, minInstances, share);
  }
}
