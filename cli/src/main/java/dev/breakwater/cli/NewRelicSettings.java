package dev.breakwater.cli;

import dev.breakwater.newrelic.NewRelicConfig;
import dev.breakwater.newrelic.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * Gathers the New Relic settings a command needs from its options and the environment, and
 * collects every problem (each missing setting, each bad value, naming where it came from) so
 * that one line can report them all at once. Key values are never echoed. Not thread-safe.
 */
final class NewRelicSettings {
  private final Map<String, String> env;
  private final NewRelicConfig.Builder config = NewRelicConfig.builder();
  private final List<String> missing = new ArrayList<>();
  private final List<String> invalid = new ArrayList<>();
  private long accountId;

  NewRelicSettings(Map<String, String> env) {
    this.env = env;
  }

  /** The account id from {@code --account-id} if given, else from NEW_RELIC_ACCOUNT_ID; required. */
  NewRelicSettings accountId(Long option, String optionName) {
    String variable = NewRelicConfig.ACCOUNT_ID_VARIABLE;
    if (option != null) {
      accountId = option;
    } else if (present(variable)) {
      try {
        accountId = Converters.accountId(env.get(variable));
      } catch (TypeConversionException e) {
        invalid.add("invalid value for environment variable " + variable + ": " + e.getMessage());
        return this;
      }
    } else {
      missing.add(optionName == null ? variable : optionName + " (or " + variable + ")");
      return this;
    }
    config.accountId(accountId);
    return this;
  }

  /** The region from {@code --region} if given, else from NEW_RELIC_REGION, else US. */
  NewRelicSettings region(Region option) {
    String variable = NewRelicConfig.REGION_VARIABLE;
    if (option != null) {
      config.region(option);
    } else if (present(variable)) {
      try {
        config.region(Converters.region(env.get(variable)));
      } catch (TypeConversionException e) {
        invalid.add("invalid value for environment variable " + variable + ": " + e.getMessage());
      }
    }
    return this;
  }

  /** The user key (NerdGraph) from NEW_RELIC_API_KEY; required. */
  NewRelicSettings userKey() {
    String variable = NewRelicConfig.USER_KEY_VARIABLE;
    key(variable, "a New Relic user key", k -> config.userKey(k));
    return this;
  }

  /** The license key (Event and Metric APIs) from NEW_RELIC_LICENSE_KEY; required. */
  NewRelicSettings licenseKey() {
    String variable = NewRelicConfig.LICENSE_KEY_VARIABLE;
    key(variable, "a New Relic license key", k -> config.licenseKey(k));
    return this;
  }

  private void key(String variable, String what, java.util.function.Consumer<String> set) {
    if (!present(variable)) {
      missing.add(variable + " (" + what + ")");
      return;
    }
    try {
      set.accept(env.get(variable).strip());
    } catch (IllegalArgumentException e) {
      invalid.add("invalid value for environment variable " + variable
          + ": not " + what + " (it holds spaces or characters other than printable ASCII)");
    }
  }

  long accountId() {
    return accountId;
  }

  /** The builder with everything gathered; call {@link #check} first. */
  NewRelicConfig.Builder config() {
    return config;
  }

  /**
   * Throws a usage error naming every problem found, if any.
   *
   * @param context what needs the settings, such as {@code "--live"}, or "" for the command itself
   * @throws CommandLine.ParameterException listing what is missing, then what is invalid
   */
  void check(CommandLine command, String context) {
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("missing " + String.join(" and ", missing.size() <= 2 ? missing
          : List.of(String.join(", ", missing.subList(0, missing.size() - 1)), missing.get(missing.size() - 1))));
    }
    problems.addAll(invalid);
    if (!problems.isEmpty()) {
      throw new CommandLine.ParameterException(command,
          (context.isEmpty() ? "" : context + ": ") + String.join("; ", problems));
    }
  }

  private boolean present(String variable) {
    String value = env.get(variable);
    return value != null && !value.isBlank();
  }
}
