package dev.breakwater.redis;

/**
 * Redis could not be reached, or did not answer within the timeout, so an operator's command
 * (an override, a status read) did not happen. Never thrown on the call path: breakers keep
 * deciding locally whatever Redis does.
 */
public final class FleetUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FleetUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
