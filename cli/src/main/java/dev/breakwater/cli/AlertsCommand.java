package dev.breakwater.cli;

import dev.breakwater.newrelic.AlertPolicyDefinition;
import dev.breakwater.newrelic.AlertProvisioner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code breakwater alerts ...}: manage the Circuit Breaker Health alert policy. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "Manage the \"Circuit Breaker Health\" alert policy in a New Relic account.",
    subcommands = {AlertsCommand.Create.class})
final class AlertsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a command: use create");
  }

  /** {@code breakwater alerts create}. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Create the alert policy and its NRQL conditions through NerdGraph, or update",
          "them in place if the account already has a policy of that name. Reads the user key",
          "from NEW_RELIC_API_KEY."},
      footer = {"", "Conditions, over the monitor's CircuitBreakerMetric events:",
          "  Circuit breaker open            OPEN or HALF_OPEN on a host for --open-for",
          "  Circuit breaker failure rate    fleet-wide window failure rate above --failure-rate",
          "                                  for --failure-rate-for",
          "  Circuit breaker reporter silent a host silent for --silent-after (loss of signal)",
          "", "Exit codes: 0 done, 1 failed (New Relic refused, network down), 2 bad input",
          "(an option, an environment variable, a missing setting)."})
  static final class Create implements Callable<Integer> {
    private final Map<String, String> env;

    @Mixin
    NerdGraphOptions nerdGraph;

    @Option(names = "--policy-name", paramLabel = "NAME",
        description = "The policy's name (default: Circuit Breaker Health).")
    String policyName;

    @Option(names = "--open-for", paramLabel = "TIME", converter = Minutes.class,
        description = "How long a breaker must stay open on a host, whole minutes up to 24h (default: 5m).")
    Duration openFor;

    @Option(names = "--failure-rate", paramLabel = "PERCENT", converter = Percents.class,
        description = "The fleet-wide failure rate that alerts, above 0 and below 100 (default: 50).")
    Double failureRate;

    @Option(names = "--failure-rate-for", paramLabel = "TIME", converter = Minutes.class,
        description = "How long the failure rate must stay above it, whole minutes up to 24h (default: 5m).")
    Duration failureRateFor;

    @Option(names = "--silent-after", paramLabel = "TIME", converter = SilentDurations.class,
        description = "How long a reporting host may be silent, 30s to 48h (default: 5m).")
    Duration silentAfter;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Create(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() throws Exception {
      NewRelicSettings settings = nerdGraph.settings(env);
      long account = settings.accountId();
      AlertPolicyDefinition definition = definition();
      if (nerdGraph.dryRun()) {
        nerdGraph.printDryRun(AlertProvisioner.createRequests(definition, account));
        return 0;
      }
      AlertProvisioner.Result result = AlertProvisioner.create(nerdGraph.client(settings), definition)
          .provision(account);
      spec.commandLine().getOut().printf("%s alert policy \"%s\" (id %s) in account %d%n",
          result.policyAction() == AlertProvisioner.Action.CREATED ? "Created" : "Updated",
          result.policyName(), result.policyId(), account);
      for (AlertProvisioner.ConditionResult c : result.conditions()) {
        spec.commandLine().getOut().printf("  %s condition \"%s\" (id %s)%n",
            c.action() == AlertProvisioner.Action.CREATED ? "created" : "updated", c.name(), c.id());
      }
      return 0;
    }

    private AlertPolicyDefinition definition() {
      AlertPolicyDefinition.Builder b = AlertPolicyDefinition.builder();
      if (policyName != null) {
        if (policyName.isBlank()) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "invalid value for option '--policy-name': the name must not be blank");
        }
        b.policyName(policyName.strip());
      }
      if (openFor != null) {
        b.openFor(openFor);
      }
      if (failureRate != null) {
        b.failureRateThreshold(failureRate);
      }
      if (failureRateFor != null) {
        b.failureRateFor(failureRateFor);
      }
      if (silentAfter != null) {
        b.silentAfter(silentAfter);
      }
      return b.build();
    }
  }

  /** {@code --open-for}, {@code --failure-rate-for}: whole minutes (the windows are a minute), 1m to 24h. */
  static final class Minutes implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = duration(value);
      if (d.isNegative() || d.isZero() || d.toSeconds() % 60 != 0 || d.getNano() != 0
          || d.compareTo(Duration.ofDays(1)) > 0) {
        throw new TypeConversionException(Converters.shown(value)
            + " is not a whole number of minutes from 1m to 24h");
      }
      return d;
    }
  }

  /** {@code --silent-after}: whole seconds, 30s to 48h. */
  static final class SilentDurations implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = duration(value);
      if (d.getNano() != 0 || d.compareTo(Duration.ofSeconds(30)) < 0 || d.compareTo(Duration.ofHours(48)) > 0) {
        throw new TypeConversionException(Converters.shown(value) + " is out of range: use whole seconds"
            + " from 30s to 48h");
      }
      return d;
    }
  }

  /** {@code --failure-rate}: a percentage above 0 and below 100. */
  static final class Percents implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double percent;
      try {
        percent = Double.parseDouble(value.strip().replaceFirst("%$", ""));
      } catch (NumberFormatException e) {
        throw new TypeConversionException(Converters.shown(value) + " is not a number");
      }
      if (!(percent > 0 && percent < 100)) {
        throw new TypeConversionException(Converters.shown(value)
            + " is out of range: use a percentage above 0 and below 100");
      }
      return percent;
    }
  }

  private static Duration duration(String value) {
    return Converters.Durations.parse(value).orElseThrow(() -> new TypeConversionException(
        Converters.shown(value) + " is not a duration like 5m, 90s or 1h"));
  }
}
