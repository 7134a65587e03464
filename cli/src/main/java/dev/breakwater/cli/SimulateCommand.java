package dev.breakwater.cli;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.simulator.Candidates;
import dev.breakwater.simulator.ScenarioWorkload;
import dev.breakwater.simulator.Figures;
import dev.breakwater.simulator.Simulation;
import dev.breakwater.simulator.SimulationReport;
import dev.breakwater.simulator.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code breakwater simulate}: replays a recorded trace or a demo scenario against candidate
 * breaker configurations on a virtual clock and compares them: a table, {@code --json} (an array
 * with one object per candidate) and an HTML report. Every input is checked before anything runs;
 * a mistake is reported as one line naming the option (and, in a file, the line) with exit code 2.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Replay traffic against candidate breaker configs before production does.",
        "",
        "Every candidate runs through a real CircuitBreaker on a virtual clock, so an",
        "hour of traffic takes well under a second and the figures are exact. Prints,",
        "per candidate: opens, false opens (while healthy), failed calls admitted,",
        "healthy calls rejected, trial calls, detection and recovery delay per fault,",
        "and availability; with several candidates, the Pareto front and the",
        "recommended configuration as code and as application.yml.",
        ""},
    footer = {"",
        "Trace file (--trace FILE): CSV with the header",
        "  offset_ms,duration_ms,outcome,error",
        "then one call per line: its start in ms from the trace's start, its duration",
        "in ms, success, failure or timeout, and an error text (may be empty). The",
        "error 'rejected' marks a call the recording breaker refused: its outcome is",
        "taken from the nearest recorded call. TraceRecorder writes this format.",
        "",
        "Candidates (--candidate, --grid): config builder setters and values, e.g.",
        "  --candidate 'failureThreshold=5,retryDelay=10s,timeout=2s'",
        "  --grid 'failureThreshold=3..10,retryDelay=2s..30s'   (8 x 5 = 40 candidates)",
        "  --grid 'retryDelay=2s..30s:4s,failureRateThreshold=0|50'",
        "Durations: 500ms, 10s, 2m. Ranges: a..b (whole numbers by 1, others in five",
        "steps), a..b:step, or a list v1|v2|v3. Without a candidate, the defaults are",
        "simulated. A candidate's timeout applies: a longer call becomes a timeout.",
        "",
        "Exit codes: 0 done; 1 the report could not be written; 2 bad input.", ""})
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--trace", paramLabel = "FILE", description = "A trace to replay (CSV, format below).")
  Path trace;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "A scenario file of 'breakwater demo --scenario' to turn into traffic.")
  Path scenario;

  @Option(names = "--api", paramLabel = "API",
      description = "With --scenario: whose calls to simulate: events, metrics or nerdgraph (default: events).")
  String api;

  @Option(names = "--rate", paramLabel = "N",
      description = "With --scenario: calls per second (default: 10).")
  Double rate;

  @Option(names = "--latency", paramLabel = "TIMES",
      description = "With --scenario: healthy latency, log-normal: MEDIAN[,P99] (default: 50ms,250ms).")
  String latency;

  @Option(names = "--duration", paramLabel = "TIME",
      description = "With --scenario: stretch or squeeze the phases to last this long, e.g. 1h.")
  String duration;

  @Option(names = "--seed", paramLabel = "N", description = "With --scenario: seed of the latencies (default: 42).")
  Long seed;

  @Option(names = "--candidate", paramLabel = "SETTINGS",
      description = "A configuration to try, e.g. 'failureThreshold=5,retryDelay=10s'; repeatable.")
  List<String> candidates = new ArrayList<>();

  @Option(names = "--grid", paramLabel = "RANGES",
      description = "Every combination of ranges, e.g. 'failureThreshold=3..10,retryDelay=2s..30s'; repeatable.")
  List<String> grids = new ArrayList<>();

  @Option(names = "--json", description = "Print a JSON array with one object per candidate instead of the table.")
  boolean json;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write a self-contained HTML report there; its directory must exist.")
  Path report;

  @Option(names = "--name", paramLabel = "NAME", defaultValue = "backend",
      description = "The breaker name in the recommended snippets (default: ${DEFAULT-VALUE}).")
  String name;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine();
    Workload workload = workload(command);
    List<CircuitBreakerConfig> configs = configs(command);
    Optional<String> reportProblem = report == null ? Optional.empty() : reportProblem(report);
    if (reportProblem.isPresent()) {
      throw new CommandLine.ParameterException(command, "--report " + report + ": " + reportProblem.get());
    }
    if (name.isBlank()) {
      throw new CommandLine.ParameterException(command, "--name must not be blank");
    }
    List<Figures> figures;
    try {
      figures = Simulation.of(workload).runAll(configs);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command, "--candidate " + e.getMessage().replaceFirst("^candidate ", ""));
    }
    SimulationReport result = SimulationReport.of(workload, figures, name);
    PrintWriter out = command.getOut();
    out.print(json ? result.json() : result.table());
    out.flush();
    if (report != null) {
      try {
        Files.writeString(report, result.html(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        command.getErr().println("breakwater: could not write the report " + report + ": " + e.getMessage());
        command.getErr().flush();
        return CommandLine.ExitCode.SOFTWARE;
      }
      (json ? command.getErr() : out).println("Report: " + report.toAbsolutePath());
      (json ? command.getErr() : out).flush();
    }
    return CommandLine.ExitCode.OK;
  }

  private Workload workload(CommandLine command) {
    if ((trace == null) == (scenario == null)) {
      throw new CommandLine.ParameterException(command, trace == null
          ? "give the traffic to replay: --trace FILE (a recorded trace) or --scenario FILE (a demo scenario)"
          : "--trace and --scenario cannot be used together: replay one workload at a time");
    }
    if (trace != null) {
      for (Object scenarioOption : new Object[] {api, rate, latency, duration, seed}) {
        if (scenarioOption != null) {
          throw new CommandLine.ParameterException(command,
              "--api, --rate, --latency, --duration and --seed shape a --scenario; a --trace is replayed as recorded");
        }
      }
      return read(command, "--trace", trace, () -> Workload.trace(trace));
    }
    ScenarioWorkload builder = Workload.scenario(scenario);
    if (api != null) {
      check(command, "--api", () -> builder.api(api));
    }
    if (rate != null) {
      check(command, "--rate", () -> builder.callsPerSecond(rate));
    }
    if (latency != null) {
      Duration[] medianAndP99 = latency(command);
      builder.latency(medianAndP99[0], medianAndP99[1]);
    }
    if (duration != null) {
      Duration total = duration(command, "--duration", duration);
      check(command, "--duration", () -> builder.duration(total));
    }
    if (seed != null) {
      builder.seed(seed);
    }
    return read(command, "--scenario", scenario, builder::build);
  }

  /** Applies a setting, reporting its {@link IllegalArgumentException} as a mistake in {@code option}. */
  private static void check(CommandLine command, String option, Runnable setting) {
    try {
      setting.run();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command, option + ": " + e.getMessage());
    }
  }

  private Duration[] latency(CommandLine command) {
    String[] parts = latency.split(",", -1);
    if (parts.length > 2) {
      throw new CommandLine.ParameterException(command, "--latency takes a median and a p99, like 50ms,250ms");
    }
    Duration median = duration(command, "--latency", parts[0]);
    Duration p99 = parts.length > 1 ? duration(command, "--latency", parts[1]) : median;
    if (median.isNegative() || p99.compareTo(median) < 0) {
      throw new CommandLine.ParameterException(command, "--latency " + Converters.shown(latency)
          + ": the p99 must not be below the median, nor the median negative");
    }
    return new Duration[] {median, p99};
  }

  private static Duration duration(CommandLine command, String option, String text) {
    Optional<Duration> d = Converters.Durations.parse(text);
    if (d.isEmpty() || d.get().isNegative()) {
      throw new CommandLine.ParameterException(command, option + " " + Converters.shown(text)
          + " is not a duration like 500ms, 10s or 2m");
    }
    return d.get();
  }

  /** What reads a workload; it may throw the reader's exceptions. */
  private interface Reader {
    Workload read() throws IOException;
  }

  private static Workload read(CommandLine command, String option, Path file, Reader reader) {
    if (!Files.exists(file)) {
      throw new CommandLine.ParameterException(command, option + " " + file + ": the file does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new CommandLine.ParameterException(command, option + " " + file + ": is a directory, not a file");
    }
    try {
      return reader.read();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw new CommandLine.ParameterException(command,
          option + " " + (message.startsWith(file.toString()) ? message : file + ": " + message));
    } catch (IOException e) {
      throw new CommandLine.ParameterException(command, option + " " + file + ": cannot be read: "
          + Failures.describe(e).replace(file + ": ", ""));
    }
  }

  private List<CircuitBreakerConfig> configs(CommandLine command) {
    List<CircuitBreakerConfig> configs = new ArrayList<>();
    for (String c : candidates) {
      try {
        configs.add(Candidates.parse(c));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command, "--candidate " + e.getMessage().replaceFirst("^candidate ", ""));
      }
    }
    for (String g : grids) {
      try {
        configs.addAll(Candidates.grid(g));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command, "--grid " + e.getMessage().replaceFirst("^grid ", ""));
      }
    }
    if (configs.isEmpty()) {
      configs.add(Candidates.parse(""));
    }
    return configs;
  }

  private static Optional<String> reportProblem(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file)) {
      return Optional.of("is a directory; give a file name such as report.html");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      return Optional.of("the directory " + dir + " does not exist");
    }
    if (!Files.isWritable(dir)) {
      return Optional.of("the directory " + dir + " is not writable");
    }
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
      return Optional.of("the report is HTML; name it something.html");
    }
    return Optional.empty();
  }
}
