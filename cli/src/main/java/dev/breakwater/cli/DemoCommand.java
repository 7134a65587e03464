package dev.breakwater.cli;

import dev.breakwater.newrelic.NewRelicConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code breakwater demo}: a service riding out a New Relic outage, with nothing lost. Every input
 * is checked before anything starts: options, the scenario file, the report's directory and, for
 * {@code --live}, the environment.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Show a service riding out a New Relic outage, with nothing lost.",
        "",
        "Runs the whole system end to end against an embedded fake New Relic that goes",
        "healthy -> Event API 503s -> slow responses past the timeout -> 429 with",
        "Retry-After -> NerdGraph errors -> healthy, while a producer streams",
        "message-queue entities and a poller reads NRQL. Shows a live view, then a",
        "summary and an HTML report. Ctrl-C ends the run early with the summary so far",
        "and the report.",
        ""},
    footer = {"", ScenarioFormat.HELP,
        "Exit codes: 0 nothing lost; 1 events lost or dropped, or the run failed;",
        "2 bad input (an option, the scenario, the report's directory, the",
        "environment); 130 interrupted (Ctrl-C).", ""})
final class DemoCommand implements Callable<Integer> {
  /** The exit code of a run ended by Ctrl-C, as shells report a process killed by SIGINT. */
  static final int INTERRUPTED = 130;

  private final Map<String, String> env;

  @Option(names = "--duration", paramLabel = "TIME", defaultValue = "30s", converter = Converters.DemoDurations.class,
      description = "How long the scenario runs, 3s to 24h, e.g. 30s, 2m, 500ms (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "200", converter = Converters.Rates.class,
      description = "Entities produced per second, 1 to 100000 (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of the synthetic data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "A JSON fault schedule to use instead of the built-in one (format below).")
  Path scenarioFile;

  @Option(names = "--report", paramLabel = "FILE", defaultValue = "breakwater-demo-report.html",
      description = "Where to write the HTML report; its directory must exist (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--plain", description = "Print status lines instead of redrawing the screen.")
  boolean plain;

  @Option(names = "--console", arity = "0..1", paramLabel = "PORT", fallbackValue = "0",
      description = "Serve the Breakwater Console on 127.0.0.1 during the demo and print its URL "
          + "(PORT, or any free port).")
  Integer consolePort;

  @Option(names = "--live", description = "Target real New Relic (needs NEW_RELIC_ACCOUNT_ID, "
      + "NEW_RELIC_LICENSE_KEY, NEW_RELIC_API_KEY; NEW_RELIC_REGION optional). No faults are injected, "
      + "so no scenario applies.")
  boolean live;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  DemoCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    CommandLine command = spec.commandLine();
    if (live && scenarioFile != null) {
      throw new CommandLine.ParameterException(command,
          "--scenario cannot be used with --live: a live run injects no faults");
    }
    Optional<String> reportProblem = ReportFile.problem(report);
    if (reportProblem.isPresent()) {
      throw new CommandLine.ParameterException(command, "--report " + report + ": " + reportProblem.get());
    }
    Scenario scenario = Scenario.bundled();
    if (scenarioFile != null) {
      try {
        scenario = Scenario.read(scenarioFile);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command, "--scenario " + scenarioFile + ": " + e.getMessage());
      }
    }
    NewRelicConfig liveConfig = null;
    if (live) {
      new NewRelicSettings(env).accountId(null, null).licenseKey().userKey().region(null).check(command, "--live");
      try {
        // Checked above with the values shown; the library's own reader adds what it supports beyond
        // these (base-URL overrides, say), so the CLI and applications read the environment alike.
        liveConfig = NewRelicConfig.fromEnvironment(env);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command, "--live: " + e.getMessage());
      }
    }
    if (liveConfig != null) {
      Optional<String> unreachable = LivePreflight.check(liveConfig);
      if (unreachable.isPresent()) {
        command.getErr().println("breakwater: --live: New Relic did not answer: " + unreachable.get());
        command.getErr().flush();
        return CommandLine.ExitCode.SOFTWARE;
      }
    }
    boolean terminal = !plain && System.console() != null && !"dumb".equals(env.get("TERM"));
    if (consolePort != null && (consolePort < 0 || consolePort > 65535)) {
      throw new CommandLine.ParameterException(command,
          "invalid value for option '--console': " + consolePort + " is not a port (0 to 65535)");
    }
    DemoRun.Options options = new DemoRun.Options(duration, rate, seed, scenario, report, liveConfig,
        terminal, consolePort);
    DemoRun run = new DemoRun(options, command.getOut());
    DemoResult result = run.run();
    Optional<String> notWritten = run.reportProblem();
    if (notWritten.isPresent()) {
      command.getErr().println("breakwater: could not write the report: " + notWritten.get());
      command.getErr().flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
    if (result.interrupted()) {
      return INTERRUPTED;
    }
    return result.nothingLost() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
  }
}
