package dev.breakwater.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.breakwater.newrelic.DashboardDefinition;
import dev.breakwater.newrelic.DashboardProvisioner;
import dev.breakwater.newrelic.NerdGraphClient;
import dev.breakwater.newrelic.NewRelicConfig;
import dev.breakwater.newrelic.Region;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** {@code breakwater dashboard create}. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Create the dashboard through NerdGraph, or update it if the account already has",
          "one of that name. Reads the user key from NEW_RELIC_API_KEY."},
      footer = {"", "Exit codes: 0 done, 1 failed, 2 usage error."})
  static final class Create implements Callable<Integer> {
    private final Map<String, String> env;

    @Option(names = "--account-id", required = true, paramLabel = "N",
        description = "The New Relic account to create the dashboard in.")
    long accountId;

    @Option(names = "--region", paramLabel = "US|EU",
        description = "The account's region (default: NEW_RELIC_REGION, else US).")
    String region;

    @Option(names = "--guid", paramLabel = "GUID",
        description = {"Update the dashboard with this guid instead of searching by name",
            "(New Relic's search index lags a little behind a create)."})
    String guid;

    @Option(names = "--dry-run",
        description = "Print the mutation and its variables instead of sending them.")
    boolean dryRun;

    @Option(names = "--nerdgraph-url", paramLabel = "URL", hidden = true,
        description = "Override NerdGraph's base URL (tests, FedRAMP).")
    URI nerdGraphUrl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Create(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() throws Exception {
      if (accountId <= 0) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--account-id must be a positive integer, was " + accountId);
      }
      Region parsedRegion;
      try {
        String chosen = region != null ? region : env.getOrDefault(NewRelicConfig.REGION_VARIABLE, "US");
        parsedRegion = Region.parse(chosen.isBlank() ? "US" : chosen);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--region must be US or EU");
      }
      DashboardDefinition dashboard = DashboardDefinition.circuitBreakerHealth();
      if (dryRun) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        spec.commandLine().getOut().println(
            json.writeValueAsString(DashboardProvisioner.createRequest(dashboard, accountId)));
        return 0;
      }
      String userKey = env.get(NewRelicConfig.USER_KEY_VARIABLE);
      if (userKey == null || userKey.isBlank()) {
        throw new IllegalStateException(NewRelicConfig.USER_KEY_VARIABLE
            + " is not set; it must hold a New Relic user key");
      }
      NewRelicConfig.Builder config = NewRelicConfig.builder().accountId(accountId)
          .userKey(userKey).region(parsedRegion);
      if (nerdGraphUrl != null) {
        config.nerdGraphUrl(nerdGraphUrl);
      }
      NerdGraphClient nerdGraph = NerdGraphClient.builder(config.build()).build();
      DashboardProvisioner provisioner = DashboardProvisioner.create(nerdGraph, dashboard);
      DashboardProvisioner.Result result = guid == null ? provisioner.provision(accountId)
          : provisioner.update(guid, accountId);
      spec.commandLine().getOut().printf("%s dashboard \"%s\" (guid %s) in account %d%n",
          result.action() == DashboardProvisioner.Action.CREATED ? "Created" : "Updated",
          result.name(), result.guid(), accountId);
      return 0;
    }
  }
}
