package dev.breakwater.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The integration modules' benchmarks in the report: each one's scores, and the ratio that says
 * whether the integration costs the call path anything (Micrometer bound vs unbound, the console
 * with clients vs none, the Redis fleet attached vs detached), or how it compares with its peer
 * (the Spring advice against Resilience4j's aspect, as overhead over a direct call).
 */
final class Integrations {
  static final List<Class<?>> BENCHMARKS = List.of(MicrometerBinderBenchmark.class,
      SpringAspectBenchmark.class, ConsoleLoadBenchmark.class, RedisFleetBenchmark.class,
      SimulatorBenchmark.class);

  private Integrations() {}

  static void section(StringBuilder md, Map<String, Map<String, Main.Measured>> runs) {
    line(md, "## Integrations (ns/op, 1 thread, `-prof gc`)");
    line(md, "");
    line(md, "Each module's own JMH benchmark, from the same run. What each one measures is in its javadoc");
    line(md, "and in benchmarks/NOTES.md.");
    line(md, "");
    line(md, "| benchmark | score | ± | B/op |");
    line(md, "|---|---:|---:|---:|");
    runs.forEach((benchmark, results) -> results.forEach((name, m) -> line(md, "| " + benchmark + "."
        + name + " | " + fmt(m.score()) + " | " + fmt(m.error()) + " | "
        + (Double.isNaN(m.bytesPerOp()) ? "" : fmt(m.bytesPerOp())) + " |")));
    line(md, "");
    line(md, "| comparison | ratio | target |");
    line(md, "|---|---:|---|");
    Map<String, Main.Measured> micrometer = runs.getOrDefault("MicrometerBinderBenchmark", Map.of());
    ratio(md, "execute with the Micrometer binder bound ÷ unbound", micrometer.get("executeBound"),
        micrometer.get("executeUnbound"), "≈ 1 (no work on the call path)");
    Map<String, Main.Measured> spring = runs.getOrDefault("SpringAspectBenchmark", Map.of());
    Main.Measured direct = spring.get("direct");
    if (direct != null && spring.get("breakwaterAspect") != null && spring.get("resilience4jAspect") != null) {
      double bw = spring.get("breakwaterAspect").score() - direct.score();
      double r4j = spring.get("resilience4jAspect").score() - direct.score();
      line(md, "| Spring `@CircuitBreaker` overhead: Breakwater ÷ Resilience4j (" + fmt(bw) + " vs "
          + fmt(r4j) + " ns over a direct call) | " + fmt(bw / r4j) + " | ≤ 0.5 |");
    }
    Map<String, Main.Measured> console = runs.getOrDefault("ConsoleLoadBenchmark", Map.of());
    Main.Measured none = console.get("execute mode=none");
    for (String mode : List.of("console-idle", "console-1s", "console-100ms")) {
      ratio(md, "execute with the console (" + mode + ") ÷ without", console.get("execute mode=" + mode),
          none, "≈ 1");
    }
    Map<String, Main.Measured> redis = runs.getOrDefault("RedisFleetBenchmark", Map.of());
    ratio(md, "execute with the Redis fleet attached ÷ detached", redis.get("executeAttached"),
        redis.get("executeDetached"), "≈ 1");
    ratio(md, "execute with the fleet attached and Redis down ÷ detached",
        redis.get("executeAttachedRedisDown"), redis.get("executeDetached"), "≈ 1");
    line(md, "");
  }

  private static void ratio(StringBuilder md, String what, Main.Measured a, Main.Measured b, String target) {
    if (a != null && b != null) {
      line(md, "| " + what + " | " + fmt(a.score() / b.score()) + " | " + target + " |");
    }
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.2f", v);
  }

  private static void line(StringBuilder md, String s) {
    md.append(s).append('\n');
  }
}
