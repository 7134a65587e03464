package dev.breakwater.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code breakwater} command. Exit codes: 0 success, 1 failure, 2 bad input (reported as one
 * line and a hint, see {@link UsageErrors}), 130 a demo interrupted by Ctrl-C.
 */
@Command(name = "breakwater", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Circuit breakers that report to New Relic: run the demo, provision the dashboard "
        + "and alerts, simulate candidate configs, steer a fleet through Redis.",
    subcommands = {DemoCommand.class, DashboardCommand.class, AlertsCommand.class,
        SimulateCommand.class, FleetCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command with the given environment and streams, for tests and embedding.
   *
   * @return the exit code: 0 success, 1 failure, 2 bad input, 130 interrupted
   */
  public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main(), new Factory(env));
    cli.setOut(out);
    cli.setErr(err);
    Converters.register(cli);
    cli.setParameterExceptionHandler(new UsageErrors());
    cli.setExecutionExceptionHandler(new Failures());
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a command: use demo, dashboard, alerts, simulate, fleet or help");
  }

  /** Gives commands the environment they should read, instead of the process's. */
  static final class Factory implements CommandLine.IFactory {
    private final Map<String, String> env;

    Factory(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == DashboardCommand.Create.class) {
        return type.cast(new DashboardCommand.Create(env));
      }
      if (type == AlertsCommand.Create.class) {
        return type.cast(new AlertsCommand.Create(env));
      }
      if (type == DemoCommand.class) {
        return type.cast(new DemoCommand(env));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  /** Reports the version from the jar manifest, or "dev". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"breakwater " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
