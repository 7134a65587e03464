package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitor's dimensional metrics for one breaker: gauges for its state (0 CLOSED, 1 HALF_OPEN,
 * 2 OPEN, 3 FORCED_OPEN, 4 DISABLED), failure rates and mean latency, and counts of calls,
 * failures, timeouts and rejections since the previous report (none on the first). Remembers the
 * previous totals per breaker; used from the monitor's one thread.
 */
final class DimensionalReport {
  private record Totals(long calls, long failures, long timeouts, long rejections, long at) {}

  private final Map<String, Totals> previous = new HashMap<>();

  List<Metric> metrics(CircuitBreakerStats s, long timestamp, Map<String, Object> common) {
    Map<String, Object> attributes = new LinkedHashMap<>(common);
    attributes.put("breakerName", s.breakerName());
    attributes.put("state", s.state().name());
    List<Metric> metrics = new ArrayList<>();
    metrics.add(Metric.gauge("circuitbreaker.state", stateCode(s.state()), timestamp, attributes));
    metrics.add(Metric.gauge("circuitbreaker.failureRate", s.failureRate(), timestamp, attributes));
    metrics.add(Metric.gauge("circuitbreaker.windowFailureRate", s.windowFailureRate(), timestamp, attributes));
    metrics.add(Metric.gauge("circuitbreaker.averageResponseTime",
        s.averageResponseTime().toNanos() / 1e6, timestamp, attributes));
    Totals now = new Totals(s.totalCalls(), s.totalFailures(), s.totalTimeouts(), s.totalRejections(), timestamp);
    Totals before = previous.put(s.breakerName(), now);
    if (before != null && timestamp > before.at()) {
      Duration interval = Duration.ofMillis(timestamp - before.at());
      metrics.add(Metric.count("circuitbreaker.calls", now.calls() - before.calls(), before.at(), interval, attributes));
      metrics.add(Metric.count("circuitbreaker.failures", now.failures() - before.failures(), before.at(), interval, attributes));
      metrics.add(Metric.count("circuitbreaker.timeouts", now.timeouts() - before.timeouts(), before.at(), interval, attributes));
      metrics.add(Metric.count("circuitbreaker.rejections", now.rejections() - before.rejections(), before.at(), interval, attributes));
    }
    return metrics;
  }

  static int stateCode(CircuitState state) {
    switch (state) {
      case CLOSED:
        return 0;
      case HALF_OPEN:
        return 1;
      case OPEN:
        return 2;
      case FORCED_OPEN:
        return 3;
      default:
        return 4;
    }
  }
}
