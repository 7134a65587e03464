package dev.breakwater.micrometer;

/**
 * The names and tag keys of the meters, fixed because dashboards and alerts are written against
 * them. Dot-separated lowercase, as Micrometer's conventions want: each registry renders them
 * its own way (Prometheus {@code breakwater_circuitbreaker_calls_total}, New Relic
 * {@code breakwaterCircuitbreakerCalls}).
 */
final class MeterNames {
  static final String STATE = "breakwater.circuitbreaker.state";
  static final String CALLS = "breakwater.circuitbreaker.calls";
  static final String NOT_PERMITTED_CALLS = "breakwater.circuitbreaker.not.permitted.calls";
  static final String FAILURE_RATE = "breakwater.circuitbreaker.failure.rate";
  static final String SLOW_CALL_RATE = "breakwater.circuitbreaker.slow.call.rate";
  static final String WINDOW_CALLS = "breakwater.circuitbreaker.window.calls";
  static final String WINDOW_SLOW_CALLS = "breakwater.circuitbreaker.window.slow.calls";
  static final String CALL_DURATION = "breakwater.circuitbreaker.call.duration";

  /** The breaker's name, on every meter. */
  static final String TAG_NAME = "name";
  /** On {@link #STATE}: closed, open, half_open, forced_open, disabled. */
  static final String TAG_STATE = "state";
  /** On {@link #CALLS}: successful, failed, ignored, timeout. */
  static final String TAG_KIND = "kind";

  static final String KIND_SUCCESSFUL = "successful";
  static final String KIND_FAILED = "failed";
  static final String KIND_IGNORED = "ignored";
  static final String KIND_TIMEOUT = "timeout";

  private MeterNames() {}
}
