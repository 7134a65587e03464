package dev.breakwater.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link Workload} from a scenario file of {@code breakwater demo}, from
 * {@link Workload#scenario(Path)}: calls to one of the demo's APIs ({@code events},
 * {@code metrics} or {@code nerdgraph}) at a steady rate, each phase answering as its fault for
 * that API makes it answer, the way the New Relic clients classify the answers:
 *
 * <ul>
 *   <li>no fault, a 2xx status, or {@code latencyMillis}: a success (after the added latency);
 *   <li>408, 429, 5xx and other statuses, {@code drop}, and a transient {@code graphQlError}
 *       ({@code TIMEOUT}, {@code INTERNAL_SERVER_ERROR}, {@code SERVER_ERROR}): a failure, and the
 *       phase is a fault;
 *   <li>a caller's mistake (400, 401, 403, 404, 405, 409, 410, 411, 413 for the ingest APIs; any
 *       other non-200 status or a non-transient {@code graphQlError} for NerdGraph): ignored,
 *       counted neither way.
 * </ul>
 *
 * <p>{@code delayMillis} adds to the latency of a status answer, so a candidate with a shorter
 * timeout sees timeouts; {@code retryAfterSeconds} is read but changes nothing here (it paces the
 * client's retries, not the breaker). Defaults: the {@code events} API, 10 calls per second evenly
 * spaced, latency with a median of 50 ms and a p99 of 250 ms, seed 42, the phases as long as the
 * file says. Not thread-safe.
 */
public final class ScenarioWorkload {
  private static final int MAX_BYTES = 1 << 20;
  private static final Set<Integer> CALLER_MISTAKES = Set.of(400, 401, 403, 404, 405, 409, 410, 411, 413);

  private final Path file;
  private String api = "events";
  private double callsPerSecond = 10;
  private boolean poisson;
  private Duration median = Duration.ofMillis(50);
  private Duration p99 = Duration.ofMillis(250);
  private long seed = 42;
  private Duration duration;

  ScenarioWorkload(Path file) {
    this.file = file;
  }

  /**
   * Chooses the API whose calls the workload holds.
   *
   * @param api {@code events}, {@code metrics} or {@code nerdgraph}
   * @return this builder
   * @throws IllegalArgumentException for any other name
   * @throws NullPointerException if {@code api} is null
   */
  public ScenarioWorkload api(String api) {
    String a = Objects.requireNonNull(api, "api").strip().toLowerCase(Locale.ROOT);
    if (!ScenarioFile.APIS.contains(a)) {
      throw new IllegalArgumentException("api must be events, metrics or nerdgraph, was '" + api + "'"
          + Suggestions.closest(a, ScenarioFile.APIS).map(s -> " (did you mean " + s + "?)").orElse(""));
    }
    this.api = a;
    return this;
  }

  /**
   * Sets the call rate.
   *
   * @param callsPerSecond calls per second, in (0, 1,000,000]
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public ScenarioWorkload callsPerSecond(double callsPerSecond) {
    if (!(callsPerSecond > 0 && callsPerSecond <= 1_000_000)) {
      throw new IllegalArgumentException("callsPerSecond must be in (0, 1000000], was " + callsPerSecond);
    }
    this.callsPerSecond = callsPerSecond;
    return this;
  }

  /**
   * Sets the healthy latency: log-normal with this median and 99th percentile.
   *
   * @param median the median latency, not negative
   * @param p99 the 99th percentile, not below the median
   * @return this builder
   * @throws IllegalArgumentException if the median is negative or the p99 below it
   * @throws NullPointerException if an argument is null
   */
  public ScenarioWorkload latency(Duration median, Duration p99) {
    LogNormal.of(Objects.requireNonNull(median, "median"), Objects.requireNonNull(p99, "p99"));
    this.median = median;
    this.p99 = p99;
    return this;
  }

  /**
   * Chooses Poisson arrivals instead of evenly spaced calls.
   *
   * @param poisson true for Poisson arrivals
   * @return this builder
   */
  public ScenarioWorkload poissonArrivals(boolean poisson) {
    this.poisson = poisson;
    return this;
  }

  /**
   * Sets the seed of the latency (and Poisson arrival) draws.
   *
   * @param seed the seed
   * @return this builder
   */
  public ScenarioWorkload seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Stretches or squeezes the phases to last {@code total} together, keeping their proportions,
   * as {@code breakwater demo --duration} does.
   *
   * @param total the workload's length
   * @return this builder
   * @throws IllegalArgumentException if not positive
   * @throws NullPointerException if {@code total} is null
   */
  public ScenarioWorkload duration(Duration total) {
    Objects.requireNonNull(total, "total");
    if (total.isNegative() || total.isZero() || total.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("duration must be in (0, 365 days], was " + total);
    }
    this.duration = total;
    return this;
  }

  /**
   * Reads the scenario file and generates the calls.
   *
   * @return the workload
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the file is not a valid scenario (naming the phase and the
   *     key), or larger than 1 MB
   */
  public Workload build() throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(file + " is larger than 1 MB; is it really a scenario?");
    }
    ScenarioFile scenario;
    try {
      scenario = ScenarioFile.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    return build(scenario, file.getFileName().toString());
  }

  Workload build(ScenarioFile scenario, String source) {
    LogNormal latency = LogNormal.of(median, p99);
    double factor = 1.0;
    if (duration != null) {
      long total = scenario.phases().stream().mapToLong(ScenarioFile.Phase::lengthNanos).sum();
      factor = (double) duration.toNanos() / total;
    }
    List<PhaseSpec> specs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ScenarioFile.Phase p : scenario.phases()) {
      long length = Math.max(1, Math.round(p.lengthNanos() * factor));
      String name = p.name();
      for (int n = 2; !names.add(name); n++) {
        name = p.name() + " (" + n + ")"; // figures are looked up by phase name
      }
      specs.add(spec(p, name, length, latency));
    }
    String description = (scenario.description().isEmpty() ? "scenario " + source : scenario.description())
        + " (" + api + " API, " + Rates.format(callsPerSecond) + " calls/s, seed " + seed + ")";
    return TrafficGenerator.generate(description, specs, seed);
  }

  private PhaseSpec spec(ScenarioFile.Phase p, String name, long length, LogNormal latency) {
    ScenarioFile.Fault f = p.faults().get(api);
    byte outcome = Calls.SUCCESS;
    long extra = 0;
    if (f != null) {
      switch (f.kind()) {
        case "status" -> {
          outcome = statusOutcome(f.status());
          extra = f.delayMillis() * 1_000_000L;
        }
        case "latencyMillis" -> extra = f.delayMillis() * 1_000_000L;
        case "drop" -> outcome = Calls.FAILURE;
        default -> outcome = ScenarioFile.TRANSIENT_GRAPHQL_ERRORS.contains(f.graphQlError())
            ? Calls.FAILURE : Calls.IGNORED;
      }
    }
    boolean failing = outcome == Calls.FAILURE;
    return new PhaseSpec(name, length, callsPerSecond, poisson, failing ? 1.0 : 0.0,
        failing ? Calls.SUCCESS : outcome, latency, extra, failing);
  }

  private byte statusOutcome(int status) {
    if (api.equals("nerdgraph")) {
      if (status == 200) {
        return Calls.SUCCESS;
      }
      return status == 408 || status == 429 || status >= 500 ? Calls.FAILURE : Calls.IGNORED;
    }
    if (status >= 200 && status < 300) {
      return Calls.SUCCESS;
    }
    return CALLER_MISTAKES.contains(status) ? Calls.IGNORED : Calls.FAILURE;
  }
}
