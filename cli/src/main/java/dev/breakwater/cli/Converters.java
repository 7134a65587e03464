package dev.breakwater.cli;

import dev.breakwater.newrelic.Region;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the commands read option values. Each converter's message echoes what was typed (never a
 * Java rendering of it, such as {@code PT-5S}) and says what would be right; picocli prefixes it
 * with the option's name. Stateless and thread-safe.
 */
final class Converters {
  /** Values longer than this are not echoed: a key pasted into the wrong place must not be shown. */
  private static final int SHOWN_MAX = 24;

  private Converters() {}

  /** Registers the whole-number converters for every option of {@code cli} and its subcommands. */
  static void register(CommandLine cli) {
    cli.registerConverter(Integer.class, Converters::toInt);
    cli.registerConverter(int.class, Converters::toInt);
    cli.registerConverter(Long.class, Converters::toLong);
    cli.registerConverter(long.class, Converters::toLong);
  }

  /** A value as an error message shows it: quoted, or only its length when it may be a secret. */
  static String shown(String value) {
    if (value.length() > SHOWN_MAX) {
      return "a " + value.length() + "-character value (not shown)";
    }
    return "'" + value + "'";
  }

  private static Integer toInt(String value) {
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(shown(value) + " is not a whole number");
    }
  }

  private static Long toLong(String value) {
    try {
      return Long.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(shown(value) + " is not a whole number");
    }
  }

  /** Reads a New Relic account id. */
  static long accountId(String value) {
    try {
      long id = Long.parseLong(value.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value as typed
    }
    throw new TypeConversionException(shown(value) + " is not an account id (a positive whole number)");
  }

  /** Reads a region name, US or EU, in any case. */
  static Region region(String value) {
    try {
      return Region.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(shown(value) + " is not a region: use US or EU");
    }
  }

  /** {@code --account-id}. */
  static final class AccountIds implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return accountId(value);
    }
  }

  /** {@code --region}. */
  static final class Regions implements ITypeConverter<Region> {
    @Override
    public Region convert(String value) {
      return region(value);
    }
  }

  /** {@code demo --rate}: entities per second. */
  static final class Rates implements ITypeConverter<Integer> {
    static final int MAX = 100_000;

    @Override
    public Integer convert(String value) {
      int rate = toInt(value);
      if (rate < 1 || rate > MAX) {
        throw new TypeConversionException(shown(value) + " is out of range: use 1 to " + MAX + " events per second");
      }
      return rate;
    }
  }

  /** {@code demo --duration}: a friendly duration between 3 seconds and a day. */
  static final class DemoDurations implements ITypeConverter<Duration> {
    static final Duration MIN = Duration.ofSeconds(3);
    static final Duration MAX = Duration.ofDays(1);

    @Override
    public Duration convert(String value) {
      Duration d = Durations.parse(value).orElseThrow(() -> new TypeConversionException(
          shown(value) + " is not a duration like 30s, 2m or 500ms"));
      if (d.isNegative()) {
        throw new TypeConversionException(shown(value) + " is negative: the demo needs at least 3s");
      }
      if (d.compareTo(MIN) < 0) {
        throw new TypeConversionException(shown(value) + " is too short: the demo needs at least 3s");
      }
      if (d.compareTo(MAX) > 0) {
        throw new TypeConversionException(shown(value) + " is too long: the demo runs at most 24h");
      }
      return d;
    }
  }

  /** Durations written the friendly way (30s, 2m, 1h, 1500ms, or bare seconds) or as ISO-8601 (PT30S). */
  static final class Durations {
    private Durations() {}

    static java.util.Optional<Duration> parse(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("pt") || v.startsWith("-pt")) {
          return java.util.Optional.of(Duration.parse(v.toUpperCase(Locale.ROOT)));
        }
        if (v.endsWith("ms")) {
          return java.util.Optional.of(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip())));
        }
        long unitMillis = v.endsWith("s") ? 1_000 : v.endsWith("m") ? 60_000 : v.endsWith("h") ? 3_600_000 : 0;
        String number = unitMillis == 0 ? v : v.substring(0, v.length() - 1).strip();
        double amount = Double.parseDouble(number);
        if (!Double.isFinite(amount) || number.matches(".*[a-z].*")) {
          return java.util.Optional.empty(); // NaN, Infinity, 1e3 (too clever to be meant)
        }
        double millis = amount * (unitMillis == 0 ? 1_000 : unitMillis);
        if (Math.abs(millis) > Long.MAX_VALUE / 2.0) {
          return java.util.Optional.of(millis < 0 ? Duration.ofDays(-36_500) : Duration.ofDays(36_500));
        }
        return java.util.Optional.of(Duration.ofMillis(Math.round(millis)));
      } catch (RuntimeException e) {
        return java.util.Optional.empty();
      }
    }
  }
}
