package dev.breakwater.cli;

import dev.breakwater.newrelic.DashboardDefinition;
import dev.breakwater.newrelic.DashboardProvisioner;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code breakwater dashboard ...}: manage the Circuit Breaker Health dashboard. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Manage the \"Circuit Breaker Health\" dashboard in a New Relic account.",
    subcommands = {DashboardCommand.Create.class})
final class DashboardCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a command: use create");
  }

  /** {@code breakwater dashboard create}. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Create the dashboard through NerdGraph, or update it if the account already has",
          "one of that name. Reads the user key from NEW_RELIC_API_KEY."},
      footer = {"", "Exit codes: 0 done, 1 failed (New Relic refused, network down), 2 bad input",
          "(an option, an environment variable, a missing setting)."})
  static final class Create implements Callable<Integer> {
    private final Map<String, String> env;

    @Mixin
    NerdGraphOptions nerdGraph;

    @Option(names = "--guid", paramLabel = "GUID",
        description = {"Update the dashboard with this guid instead of searching by name",
            "(New Relic's search index lags a little behind a create)."})
    String guid;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Create(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() throws Exception {
      NewRelicSettings settings = nerdGraph.settings(env);
      long account = settings.accountId();
      DashboardDefinition dashboard = DashboardDefinition.circuitBreakerHealth();
      if (nerdGraph.dryRun()) {
        nerdGraph.printDryRun(DashboardProvisioner.createRequest(dashboard, account));
        return 0;
      }
      DashboardProvisioner provisioner = DashboardProvisioner.create(nerdGraph.client(settings), dashboard);
      DashboardProvisioner.Result result = guid == null ? provisioner.provision(account)
          : provisioner.update(guid, account);
      spec.commandLine().getOut().printf("%s dashboard \"%s\" (guid %s) in account %d%n",
          result.action() == DashboardProvisioner.Action.CREATED ? "Created" : "Updated",
          result.name(), result.guid(), account);
      return 0;
    }
  }
}
