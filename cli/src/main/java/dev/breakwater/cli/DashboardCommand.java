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

    @Option(names = "--account-id", paramLabel = "N", converter = Converters.AccountIds.class,
        description = "The New Relic account to create the dashboard in (default: NEW_RELIC_ACCOUNT_ID).")
    Long accountId;

    @Option(names = "--region", paramLabel = "US|EU", converter = Converters.Regions.class,
        description = "The account's region (default: NEW_RELIC_REGION, else US).")
    Region region;

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
      NewRelicSettings settings = new NewRelicSettings(env).accountId(accountId, "--account-id").region(region);
      if (!dryRun) {
        settings.userKey();
      }
      settings.check(spec.commandLine(), "");
      long account = settings.accountId();
      DashboardDefinition dashboard = DashboardDefinition.circuitBreakerHealth();
      if (dryRun) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        spec.commandLine().getOut().println(
            json.writeValueAsString(DashboardProvisioner.createRequest(dashboard, account)));
        return 0;
      }
      NewRelicConfig.Builder config = settings.config();
      if (nerdGraphUrl != null) {
        try {
          config.nerdGraphUrl(nerdGraphUrl);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "invalid value for option '--nerdgraph-url': " + Converters.shown(nerdGraphUrl.toString())
              + " is not an absolute http(s) URL");
        }
      }
      NerdGraphClient nerdGraph = NerdGraphClient.builder(config.build()).build();
      DashboardProvisioner provisioner = DashboardProvisioner.create(nerdGraph, dashboard);
      DashboardProvisioner.Result result = guid == null ? provisioner.provision(account)
          : provisioner.update(guid, account);
      spec.commandLine().getOut().printf("%s dashboard \"%s\" (guid %s) in account %d%n",
          result.action() == DashboardProvisioner.Action.CREATED ? "Created" : "Updated",
          result.name(), result.guid(), account);
      return 0;
    }
  }
}
