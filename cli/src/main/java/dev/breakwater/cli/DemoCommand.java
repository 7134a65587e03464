package dev.breakwater.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater demo}: a service riding out a New Relic outage, with nothing lost. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Show a service riding out a New Relic outage, with nothing lost.",
        "",
        "Runs the whole system end to end against an embedded fake New Relic that goes healthy ->",
        "Event API 503s -> slow responses past the timeout -> 429 with Retry-After -> NerdGraph",
        "errors -> healthy, while a producer streams message-queue entities and a poller reads NRQL.",
        "Shows a live view, then a summary and an HTML report."},
    footer = {"", "Exit codes: 0 nothing lost, 1 events lost or dropped (or the run failed), 2 usage error."})
final class DemoCommand implements Callable<Integer> {
  private final Map<String, String> env;

  @Option(names = "--duration", paramLabel = "TIME", defaultValue = "30s", converter = Durations.class,
      description = "How long the scenario runs, e.g. 30s, 2m, 500ms (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "200",
      description = "Entities produced per second (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of the synthetic data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "A JSON fault schedule to use instead of the built-in one.")
  Path scenarioFile;

  @Option(names = "--report", paramLabel = "FILE", defaultValue = "breakwater-demo-report.html",
      description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--plain", description = "Print status lines instead of redrawing the screen.")
  boolean plain;

  @Option(names = "--live", description = {"Target real New Relic (needs NEW_RELIC_ACCOUNT_ID,",
      "NEW_RELIC_LICENSE_KEY, NEW_RELIC_API_KEY); no faults are injected."})
  boolean live;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  DemoCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    if (duration.isNegative() || duration.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--duration must be at least 3s, was " + duration);
    }
    if (rate < 1 || rate > 100_000) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be in [1, 100000], was " + rate);
    }
    Scenario scenario;
    try {
      scenario = scenarioFile == null ? Scenario.bundled() : Scenario.read(scenarioFile);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--scenario: " + e.getMessage());
    }
    boolean terminal = !plain && System.console() != null && !"dumb".equals(env.get("TERM"));
    DemoRun.Options options = new DemoRun.Options(duration, rate, seed, scenario, report, live, terminal, env);
    DemoResult result = new DemoRun(options, spec.commandLine().getOut()).run();
    return result.nothingLost() ? 0 : 1;
  }

  /** Reads durations written the friendly way (30s, 2m, 1500ms) or as ISO-8601 (PT30S). */
  static final class Durations implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(java.util.Locale.ROOT);
      try {
        if (v.startsWith("pt")) {
          return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
        }
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
          return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        }
        if (v.endsWith("m")) {
          return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 30s, 2m or 500ms");
      }
    }
  }
}
