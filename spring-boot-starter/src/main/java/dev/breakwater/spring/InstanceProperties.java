package dev.breakwater.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one breaker or one shared preset, under
 * {@code breakwater.circuitbreaker.configs.<name>} or {@code .instances.<name>}. Every field
 * left unset inherits: an instance from its {@code base-config} (default {@code default}), a
 * preset from {@code configs.default}, and {@code configs.default} from Breakwater's own defaults.
 * The names are the kebab-case of {@link dev.breakwater.CircuitBreakerConfig.Builder}'s setters.
 */
public class InstanceProperties {
  /** The preset under breakwater.circuitbreaker.configs this instance starts from (default: "default"). */
  private String baseConfig;
  /** Consecutive failures in CLOSED that open the circuit (Breakwater's default: 5). */
  private Integer failureThreshold;
  /** Successful trial calls in HALF_OPEN that close the circuit (default: 2). */
  private Integer successThreshold;
  /** The most trial calls HALF_OPEN lets run at once (default: the success threshold). */
  private Integer halfOpenMaxCalls;
  /** The per-call deadline; 0 for none (default: 30s). */
  private Duration timeout;
  /** How long the circuit stays OPEN before trial calls (default: 5s). */
  private Duration retryDelay;
  /** The factor the open delay grows by after each failed trial (default: 1.0, no backoff). */
  private Double backoffMultiplier;
  /** The longest open delay under backoff (default: the retry delay). */
  private Duration maxRetryDelay;
  /** The random spread of each open delay, a fraction in [0, 1) (default: 0). */
  private Double retryJitter;
  /** The length of the sliding window behind the rate policies (default: 60s). */
  private Duration monitoringWindow;
  /** The window failure rate, in percent, that opens the circuit (default: off). */
  private Double failureRateThreshold;
  /** Calls taking at least this long count as slow (default: 0, never). */
  private Duration slowCallDuration;
  /** The window slow-call rate, in percent, that opens the circuit (default: off). */
  private Double slowCallRateThreshold;
  /** The fewest calls in the window before a rate policy may open the circuit (default: 10). */
  private Integer minimumCalls;
  /** How long HALF_OPEN may go without a verdict before it returns to OPEN (default: 60s or twice the timeout). */
  private Duration maxHalfOpenWait;
  /** Exception classes (with subclasses) that count as failures; when set, all others count as successes. */
  private List<String> recordExceptions = new ArrayList<>();
  /** Exception classes (with subclasses) that count as neither success nor failure. */
  private List<String> ignoreExceptions = new ArrayList<>();
  /** Whether this breaker being OPEN or FORCED_OPEN turns the application's health DOWN (default: false). */
  private Boolean allowHealthIndicatorToFail;

  /** @return the base preset's name, or null */
  public String getBaseConfig() {
    return baseConfig;
  }

  /** @param baseConfig the base preset's name */
  public void setBaseConfig(String baseConfig) {
    this.baseConfig = baseConfig;
  }

  /** @return the failure threshold, or null to inherit */
  public Integer getFailureThreshold() {
    return failureThreshold;
  }

  /** @param failureThreshold consecutive failures that open the circuit */
  public void setFailureThreshold(Integer failureThreshold) {
    this.failureThreshold = failureThreshold;
  }

  /** @return the success threshold, or null to inherit */
  public Integer getSuccessThreshold() {
    return successThreshold;
  }

  /** @param successThreshold trial successes that close the circuit */
  public void setSuccessThreshold(Integer successThreshold) {
    this.successThreshold = successThreshold;
  }

  /** @return the most concurrent trials, or null to inherit */
  public Integer getHalfOpenMaxCalls() {
    return halfOpenMaxCalls;
  }

  /** @param halfOpenMaxCalls the most trial calls at once */
  public void setHalfOpenMaxCalls(Integer halfOpenMaxCalls) {
    this.halfOpenMaxCalls = halfOpenMaxCalls;
  }

  /** @return the per-call deadline, or null to inherit */
  public Duration getTimeout() {
    return timeout;
  }

  /** @param timeout the per-call deadline; 0 for none */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /** @return the retry delay, or null to inherit */
  public Duration getRetryDelay() {
    return retryDelay;
  }

  /** @param retryDelay how long the circuit stays open */
  public void setRetryDelay(Duration retryDelay) {
    this.retryDelay = retryDelay;
  }

  /** @return the backoff multiplier, or null to inherit */
  public Double getBackoffMultiplier() {
    return backoffMultiplier;
  }

  /** @param backoffMultiplier the factor the open delay grows by */
  public void setBackoffMultiplier(Double backoffMultiplier) {
    this.backoffMultiplier = backoffMultiplier;
  }

  /** @return the longest open delay, or null to inherit */
  public Duration getMaxRetryDelay() {
    return maxRetryDelay;
  }

  /** @param maxRetryDelay the longest open delay under backoff */
  public void setMaxRetryDelay(Duration maxRetryDelay) {
    this.maxRetryDelay = maxRetryDelay;
  }

  /** @return the retry jitter, or null to inherit */
  public Double getRetryJitter() {
    return retryJitter;
  }

  /** @param retryJitter the random spread of each open delay */
  public void setRetryJitter(Double retryJitter) {
    this.retryJitter = retryJitter;
  }

  /** @return the window length, or null to inherit */
  public Duration getMonitoringWindow() {
    return monitoringWindow;
  }

  /** @param monitoringWindow the length of the sliding window */
  public void setMonitoringWindow(Duration monitoringWindow) {
    this.monitoringWindow = monitoringWindow;
  }

  /** @return the failure-rate threshold, or null to inherit */
  public Double getFailureRateThreshold() {
    return failureRateThreshold;
  }

  /** @param failureRateThreshold the window failure rate, in percent, that opens the circuit */
  public void setFailureRateThreshold(Double failureRateThreshold) {
    this.failureRateThreshold = failureRateThreshold;
  }

  /** @return the slow-call duration, or null to inherit */
  public Duration getSlowCallDuration() {
    return slowCallDuration;
  }

  /** @param slowCallDuration how long a call must take to count as slow */
  public void setSlowCallDuration(Duration slowCallDuration) {
    this.slowCallDuration = slowCallDuration;
  }

  /** @return the slow-call-rate threshold, or null to inherit */
  public Double getSlowCallRateThreshold() {
    return slowCallRateThreshold;
  }

  /** @param slowCallRateThreshold the window slow-call rate, in percent, that opens the circuit */
  public void setSlowCallRateThreshold(Double slowCallRateThreshold) {
    this.slowCallRateThreshold = slowCallRateThreshold;
  }

  /** @return the minimum calls, or null to inherit */
  public Integer getMinimumCalls() {
    return minimumCalls;
  }

  /** @param minimumCalls the fewest calls in the window for a rate policy */
  public void setMinimumCalls(Integer minimumCalls) {
    this.minimumCalls = minimumCalls;
  }

  /** @return the longest HALF_OPEN round without a verdict, or null to inherit */
  public Duration getMaxHalfOpenWait() {
    return maxHalfOpenWait;
  }

  /** @param maxHalfOpenWait the longest HALF_OPEN round without a verdict; 0 waits forever */
  public void setMaxHalfOpenWait(Duration maxHalfOpenWait) {
    this.maxHalfOpenWait = maxHalfOpenWait;
  }

  /** @return the exception class names that count as failures */
  public List<String> getRecordExceptions() {
    return recordExceptions;
  }

  /** @param recordExceptions exception class names that count as failures */
  public void setRecordExceptions(List<String> recordExceptions) {
    this.recordExceptions = recordExceptions;
  }

  /** @return the exception class names that are ignored */
  public List<String> getIgnoreExceptions() {
    return ignoreExceptions;
  }

  /** @param ignoreExceptions exception class names that count as neither success nor failure */
  public void setIgnoreExceptions(List<String> ignoreExceptions) {
    this.ignoreExceptions = ignoreExceptions;
  }

  /** @return whether an open circuit turns health DOWN, or null to inherit */
  public Boolean getAllowHealthIndicatorToFail() {
    return allowHealthIndicatorToFail;
  }

  /** @param allowHealthIndicatorToFail whether an open circuit turns health DOWN */
  public void setAllowHealthIndicatorToFail(Boolean allowHealthIndicatorToFail) {
    this.allowHealthIndicatorToFail = allowHealthIndicatorToFail;
  }
}
