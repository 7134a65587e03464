package dev.breakwater.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.breakwater.newrelic.NerdGraphClient;
import dev.breakwater.newrelic.NewRelicConfig;
import dev.breakwater.newrelic.Region;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a command that sends NerdGraph mutations reaches its account, as its options and the
 * environment say: {@code --account-id}, {@code --region}, {@code --dry-run} and the hidden
 * {@code --nerdgraph-url}, checked together so that one usage error names every missing or
 * invalid setting before anything is sent. A picocli mixin. {@code --account-id} and
 * {@code --dry-run} say what the command creates, so their help is per command, in
 * {@code NerdGraphOptions.properties} under the command's qualified name. Not thread-safe.
 */
@Command(resourceBundle = "dev.breakwater.cli.NerdGraphOptions")
final class NerdGraphOptions {
  @Option(names = "--account-id", paramLabel = "N", converter = Converters.AccountIds.class,
      description = "The New Relic account (default: NEW_RELIC_ACCOUNT_ID).")
  Long accountId;

  @Option(names = "--region", paramLabel = "US|EU", converter = Converters.Regions.class,
      description = "The account's region (default: NEW_RELIC_REGION, else US).")
  Region region;

  @Option(names = "--dry-run",
      description = "Print the mutations and their variables instead of sending them.")
  boolean dryRun;

  @Option(names = "--nerdgraph-url", paramLabel = "URL", hidden = true,
      description = "Override NerdGraph's base URL (tests, FedRAMP).")
  URI nerdGraphUrl;

  @Spec(Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec command;

  /**
   * Gathers the account and region from the options, else the environment, and the user key
   * unless this is a dry run.
   *
   * @return the checked settings
   * @throws CommandLine.ParameterException naming every missing or invalid setting at once
   */
  NewRelicSettings settings(Map<String, String> env) {
    NewRelicSettings settings = new NewRelicSettings(env).accountId(accountId, "--account-id").region(region);
    if (!dryRun) {
      settings.userKey();
    }
    settings.check(command.commandLine(), "");
    return settings;
  }

  boolean dryRun() {
    return dryRun;
  }

  /** Prints what {@code --dry-run} shows instead of sending: the requests, as indented JSON. */
  void printDryRun(Object requests) throws JsonProcessingException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    command.commandLine().getOut().println(json.writeValueAsString(requests));
  }

  /**
   * A NerdGraph client for the checked {@code settings}, at {@code --nerdgraph-url} if given.
   *
   * @throws CommandLine.ParameterException if {@code --nerdgraph-url} is not an absolute http(s) URL
   */
  NerdGraphClient client(NewRelicSettings settings) {
    NewRelicConfig.Builder config = settings.config();
    if (nerdGraphUrl != null) {
      try {
        config.nerdGraphUrl(nerdGraphUrl);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command.commandLine(),
            "invalid value for option '--nerdgraph-url': " + Converters.shown(nerdGraphUrl.toString())
            + " is not an absolute http(s) URL");
      }
    }
    return NerdGraphClient.builder(config.build()).build();
  }
}
