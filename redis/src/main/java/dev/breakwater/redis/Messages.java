package dev.breakwater.redis;

/**
 * The notices on the fleet's pub/sub channel. They only say what to re-read, never carry the
 * data itself: Redis keys are the truth, so a lost notice costs latency, not correctness. Stateless.
 */
final class Messages {
  private static final String OVERRIDE = "override\n";
  private static final String STATE = "state\n";

  private Messages() {}

  /** An override of {@code breaker} was set or cleared. */
  static String override(String breaker) {
    return OVERRIDE + breaker;
  }

  /** {@code instanceId}'s breaker changed state. */
  static String state(String instanceId, String breaker) {
    return STATE + instanceId + "\n" + breaker;
  }

  /** What a receiving instance should re-read: {@link Wakeup} signals, or 0 for nothing. */
  static int signalFor(String message, String ownInstanceId) {
    if (message.startsWith(OVERRIDE)) {
      return Wakeup.OVERRIDES;
    }
    if (message.startsWith(STATE)) {
      int end = message.indexOf('\n', STATE.length());
      String from = end < 0 ? "" : message.substring(STATE.length(), end);
      return from.equals(ownInstanceId) ? 0 : Wakeup.FLEET;
    }
    return 0;
  }
}
