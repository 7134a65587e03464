package dev.breakwater.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.breakwater.redis.BreakerReport;
import dev.breakwater.redis.FleetControl;
import dev.breakwater.redis.FleetOverride;
import dev.breakwater.redis.FleetStatus;
import dev.breakwater.redis.FleetUnavailableException;
import dev.breakwater.redis.InstanceReport;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code breakwater fleet ...}: the fleet of instances that share their breakers through Redis
 * (module breakwater-redis). {@code status} shows each instance's state per breaker and the
 * overrides in force; {@code force-open}, {@code disable} and {@code clear} set and remove
 * fleet-wide overrides, which every instance applies within about a second and which end by
 * themselves after their TTL. Exit codes: 0 done, 1 Redis unreachable, 2 bad input.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Breakers across a fleet of instances that share them through Redis: show each "
        + "instance's state per breaker; force a breaker open or disable it on every instance for a "
        + "while; clear that.",
    subcommands = {FleetCommand.Status.class, FleetCommand.ForceOpen.class, FleetCommand.Disable.class,
        FleetCommand.Clear.class})
final class FleetCommand implements Runnable {
  static final Duration MAX_TTL = Duration.ofDays(30);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing a command: use status, force-open, disable or clear");
  }

  /** {@code --redis} and {@code --fleet}, taken by every subcommand. */
  static final class Target {
    @Option(names = "--redis", required = true, paramLabel = "URI",
        description = "The Redis server: redis://[user:password@]host[:port][/db], or rediss:// for TLS.")
    URI redis;

    @Option(names = "--fleet", paramLabel = "NAME", defaultValue = "default",
        description = "The fleet's name, as given to RedisFleet's builder (default: ${DEFAULT-VALUE}).")
    String fleet;

    FleetControl control(CommandLine command, String issuedBy) {
      try {
        FleetControl.Builder builder = FleetControl.builder(redis).fleet(fleet);
        if (issuedBy != null) {
          builder.issuedBy(issuedBy);
        }
        return builder.build();
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command, "invalid option value: " + e.getMessage());
      }
    }

    String server() {
      return redis.getHost() + (redis.getPort() < 0 ? "" : ":" + redis.getPort());
    }
  }

  /** Runs a command against Redis; an unreachable Redis is one line on stderr and exit code 1. */
  abstract static class FleetSubcommand implements Callable<Integer> {
    @Mixin
    Target target;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
      FleetControl control = target.control(spec.commandLine(), issuedBy());
      try {
        return run(control, spec.commandLine().getOut());
      } catch (FleetUnavailableException e) {
        spec.commandLine().getErr().println("breakwater: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
    }

    abstract int run(FleetControl control, PrintWriter out) throws Exception;

    /** Who issues overrides; null for the default, {@code user@host}. */
    String issuedBy() {
      return null;
    }
  }

  /** {@code --ttl} and {@code --reason}. */
  abstract static class OverrideSubcommand extends FleetSubcommand {
    @Parameters(index = "0", paramLabel = "BREAKER", description = "The breaker's name.")
    String breaker;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = Ttls.class, defaultValue = "10m",
        description = "How long the override lasts, like 90s, 10m or 2h, at most 30 days "
            + "(default: ${DEFAULT-VALUE}). Redis expires it; every instance then returns to CLOSED.")
    Duration ttl;

    @Option(names = "--reason", paramLabel = "TEXT",
        description = "Why, shown in every instance's state-change event and log.")
    String reason;

    @Option(names = "--by", paramLabel = "NAME",
        description = "Who issues the override, shown with it everywhere (default: user@host).")
    String by;

    @Override
    String issuedBy() {
      return by;
    }

    String reason() {
      return reason != null ? reason : "set with the breakwater CLI";
    }

    void done(PrintWriter out, String state) {
      out.printf("Fleet '%s': '%s' is %s on every instance for %s (reason: %s)%n", target.fleet, breaker,
          state, readable(ttl), reason());
    }
  }

  /** {@code breakwater fleet status}. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show each live instance's breakers and the overrides in force.")
  static final class Status extends FleetSubcommand {
    @Option(names = "--json", description = "Print the status as one JSON object.")
    boolean json;

    @Override
    int run(FleetControl control, PrintWriter out) throws Exception {
      FleetStatus status = control.status();
      if (json) {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(asMap(status)));
      } else {
        print(status, target.server(), out);
      }
      out.flush();
      return 0;
    }
  }

  /** {@code breakwater fleet force-open BREAKER}. */
  @Command(name = "force-open", mixinStandardHelpOptions = true,
      description = "Force a breaker open (every call rejected) on every instance of the fleet for a while.")
  static final class ForceOpen extends OverrideSubcommand {
    @Override
    int run(FleetControl control, PrintWriter out) {
      control.forceOpen(breaker, ttl, reason());
      done(out, "FORCED_OPEN");
      return 0;
    }
  }

  /** {@code breakwater fleet disable BREAKER}. */
  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a breaker (every call permitted) on every instance of the fleet for a while.")
  static final class Disable extends OverrideSubcommand {
    @Override
    int run(FleetControl control, PrintWriter out) {
      control.disable(breaker, ttl, reason());
      done(out, "DISABLED");
      return 0;
    }
  }

  /** {@code breakwater fleet clear BREAKER}. */
  @Command(name = "clear", mixinStandardHelpOptions = true,
      description = "Remove a breaker's override: every instance it reached returns to CLOSED.")
  static final class Clear extends FleetSubcommand {
    @Parameters(index = "0", paramLabel = "BREAKER", description = "The breaker's name.")
    String breaker;

    @Override
    int run(FleetControl control, PrintWriter out) {
      boolean removed = control.clear(breaker);
      out.printf(removed ? "Fleet '%s': cleared the override of '%s'%n" : "Fleet '%s': '%s' had no override%n",
          target.fleet, breaker);
      return 0;
    }
  }

  /** {@code --ttl}: a friendly duration between 1 ms and 30 days. */
  static final class Ttls implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration ttl = Converters.Durations.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
          Converters.shown(value) + " is not a duration like 90s, 10m or 2h"));
      if (ttl.toMillis() < 1 || ttl.compareTo(MAX_TTL) > 0) {
        throw new CommandLine.TypeConversionException(Converters.shown(value) + " is out of range: use 1ms to 30 days");
      }
      return ttl;
    }
  }

  static void print(FleetStatus status, String server, PrintWriter out) {
    int n = status.instances().size();
    int o = status.overrides().size();
    out.printf("Fleet '%s' on %s: %d %s, %d %s%n", status.fleet(), server, n, n == 1 ? "instance" : "instances",
        o, o == 1 ? "override" : "overrides");
    out.println();
    out.println("OVERRIDES");
    if (status.overrides().isEmpty()) {
      out.println("(none)");
    } else {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("BREAKER", "MODE", "TIME LEFT", "BY", "REASON"));
      for (FleetOverride override : status.overrides()) {
        rows.add(List.of(override.breakerName(), override.mode().name(), readable(override.remaining()),
            override.issuedBy(), override.reason().replaceAll("\\s*\\R\\s*", " ")));
      }
      table(rows, out);
    }
    out.println();
    out.println("BREAKERS");
    List<List<String>> rows = new ArrayList<>();
    for (InstanceReport instance : status.instances()) {
      for (BreakerReport breaker : instance.breakers()) {
        rows.add(List.of(breaker.breakerName(), instance.instanceId(), breaker.state().name(),
            breaker.setByFleet() ? "fleet" : "local", Long.toString(breaker.windowCalls()),
            Long.toString(breaker.windowFailures()),
            String.format(Locale.ROOT, "%.1f%%", breaker.windowFailureRate()),
            readable(instance.sinceLastReport()) + " ago"));
      }
    }
    if (rows.isEmpty()) {
      out.println("(no instance has reported)");
      return;
    }
    rows.sort(Comparator.<List<String>, String>comparing(r -> r.get(0)).thenComparing(r -> r.get(1)));
    rows.add(0, List.of("BREAKER", "INSTANCE", "STATE", "CAUSE", "CALLS", "FAILURES", "RATE", "REPORTED"));
    table(rows, out);
  }

  private static void table(List<List<String>> rows, PrintWriter out) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      out.println(line);
    }
  }

  static Map<String, Object> asMap(FleetStatus status) {
    List<Map<String, Object>> instances = new ArrayList<>();
    for (InstanceReport instance : status.instances()) {
      List<Map<String, Object>> breakers = new ArrayList<>();
      for (BreakerReport breaker : instance.breakers()) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("breakerName", breaker.breakerName());
        b.put("state", breaker.state().name());
        b.put("setByFleet", breaker.setByFleet());
        b.put("windowCalls", breaker.windowCalls());
        b.put("windowFailures", breaker.windowFailures());
        breakers.add(b);
      }
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("instanceId", instance.instanceId());
      i.put("sinceLastReportMillis", instance.sinceLastReport().toMillis());
      i.put("breakers", breakers);
      instances.add(i);
    }
    List<Map<String, Object>> overrides = new ArrayList<>();
    for (FleetOverride override : status.overrides()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("breakerName", override.breakerName());
      o.put("mode", override.mode().name());
      o.put("remainingMillis", override.remaining().toMillis());
      o.put("issuedBy", override.issuedBy());
      o.put("reason", override.reason());
      overrides.add(o);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("fleet", status.fleet());
    map.put("instances", instances);
    map.put("overrides", overrides);
    return map;
  }

  static String readable(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    if (millis < 120_000) {
      return Math.round(millis / 1000.0) + " s";
    }
    if (millis < 7_200_000) {
      return Math.round(millis / 60_000.0) + " min";
    }
    return Math.round(millis / 3_600_000.0) + " h";
  }
}
