package dev.breakwater.cli;

import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.console.BreakwaterConsole;
import dev.breakwater.RegistryEvent;
import dev.breakwater.newrelic.AlertPolicyDefinition;
import dev.breakwater.newrelic.AlertProvisioner;
import dev.breakwater.newrelic.BreakwaterNewRelic;
import dev.breakwater.newrelic.EventApiClient;
import dev.breakwater.newrelic.NerdGraphClient;
import dev.breakwater.newrelic.NewRelicConfig;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.FakeNewRelic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One run of the demo: a fake New Relic on loopback (or the real one, live), the real components
 * wired through {@link BreakwaterNewRelic}, a producer streaming entities, a poller reading NRQL,
 * the fault scenario, the live view, and at the end the count of what arrived, the summary and
 * the HTML report. Against the fake, the alert policy is provisioned too, and the fake's clock
 * runs so that a unit of the run is a minute ({@link DemoClock}), so its conditions fire and
 * resolve within the run. Every time setting scales with the run's length, so a six-second run shows
 * the same story as the thirty-second default. Ctrl-C ends it early with the summary so far and
 * the report ({@link DemoEnding}).
 */
final class DemoRun {

  /**
   * How to run.
   *
   * @param live the real New Relic to target, or null for the embedded fake with the scenario's faults
   */
  record Options(Duration duration, int rate, long seed, Scenario scenario, Path report, NewRelicConfig live,
      boolean terminal, Integer consolePort) {
    Options(Duration duration, int rate, long seed, Scenario scenario, Path report, NewRelicConfig live,
        boolean terminal) {
      this(duration, rate, seed, scenario, report, live, terminal, null);
    }
  }

  private final Options options;
  private final PrintWriter out;
  private final Scenario scenario;
  private final Duration unit;
  private volatile DemoEnding end;
  private volatile BreakwaterConsole console;

  DemoRun(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
    // Live runs inject nothing, so they show no fault phases either.
    this.scenario = (options.live() != null ? Scenario.live() : options.scenario()).scaledTo(options.duration());
    this.unit = options.duration().dividedBy(30);
  }

  private Duration units(double n) {
    return Duration.ofNanos(Math.max(1_000_000L, Math.round(unit.toNanos() * n)));
  }

  /** The schedule this run follows (for live runs, one phase without faults). */
  Scenario scenario() {
    return scenario;
  }

  /**
   * What Ctrl-C does: ends the run now with what happened so far (summary and report). Safe to
   * call any number of times.
   *
   * @return false if the run had not started yet (then there is nothing to end)
   */
  boolean interrupt() {
    DemoEnding e = end;
    if (e == null) {
      return false;
    }
    e.interrupt();
    return true;
  }

  /** What the run's report says about alerts and state changes, once the run has ended. */
  Optional<DemoAlerts> alerts() {
    DemoEnding e = end;
    return e == null ? Optional.empty() : e.alerts();
  }

  /** Why the report could not be written, once the run has ended, if it could not. */
  Optional<String> reportProblem() {
    DemoEnding e = end;
    return e == null ? Optional.empty() : e.reportProblem();
  }

  DemoResult run() throws Exception {
    DemoClock clock = options.live() != null ? null : DemoClock.stopped(unit);
    long created = System.nanoTime();
    FakeNewRelic fake = clock == null ? null : FakeNewRelic.builder().clock(clock).start();
    try {
      NewRelicConfig config = fake == null ? options.live() : fakeConfig(fake);
      Optional<String> alerts = Optional.of("a live run leaves the account's alert policies alone");
      if (fake != null) {
        alerts = provisionAlerts(config);
        // The fault phases start from here, so that setting up never eats into the first one.
        schedule(fake, Duration.ofNanos(System.nanoTime() - created));
      }
      return runWith(config, fake, clock, alerts);
    } finally {
      BreakwaterConsole c = console;
      if (c != null) {
        c.close();
      }
      if (fake != null) {
        fake.close();
      }
    }
  }

  private static NewRelicConfig fakeConfig(FakeNewRelic fake) {
    return NewRelicConfig.builder().accountId(fake.accountId()).licenseKey(fake.licenseKey())
        .userKey(fake.userKey()).eventApiUrl(fake.eventApiUrl()).metricApiUrl(fake.metricApiUrl())
        .nerdGraphUrl(fake.nerdGraphUrl()).build();
  }

  private void schedule(FakeNewRelic fake, Duration setup) {
    for (Scenario.Phase p : scenario.phases()) {
      p.faults().forEach((api, fault) -> fake.faults().during(api, setup.plus(p.start()), setup.plus(p.end()),
          fault));
    }
  }

  private DemoResult runWith(NewRelicConfig config, FakeNewRelic fake, DemoClock clock, Optional<String> alerts)
      throws Exception {
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
    if (options.consolePort() != null) {
      console = BreakwaterConsole.builder(registry).port(options.consolePort()).start();
      out.println("Breakwater console: " + console.uri() + " (open it to watch the breakers live)");
      out.flush();
    }
    long start = System.nanoTime();
    if (clock != null) {
      clock.start(start);
    }
    Timeline timeline = new Timeline(start);
    registry.onEvent(e -> {
      if (e instanceof RegistryEvent.Added added) {
        timeline.follow(added.breaker());
      }
    });
    BreakwaterNewRelic newRelic = BreakwaterNewRelic.builder(config).registry(registry)
        .serviceName("breakwater-demo")
        .reportInterval(units(1))
        .eventApiBreaker(EventApiClient.defaultBreakerConfig().toBuilder()
            .timeout(Duration.ofSeconds(1)).retryDelay(units(2)).build())
        .nerdGraphBreaker(NerdGraphClient.defaultBreakerConfig().toBuilder()
            .timeout(Duration.ofSeconds(1)).retryDelay(units(2)).build())
        .eventApi(b -> b.maxRetries(2).backoff(units(0.2), units(1)))
        .entityStreamer(b -> b.batching(250, units(0.25)).retryWait(units(0.25), units(2))
            .closeTimeout(Duration.ofSeconds(60)))
        .metricStreamer(b -> b.batching(250, units(0.25)).retryWait(units(0.25), units(2))
            .closeTimeout(Duration.ofSeconds(60)))
        .clock(clock != null ? clock : Clock.systemUTC())
        .build();

    SyntheticEntities producer = new SyntheticEntities(newRelic.entityStreamer(), options.rate(), options.seed());
    NrqlPoller poller = new NrqlPoller(newRelic.nerdGraph(), config.accountId(), units(0.5));
    Thread producerThread = start(producer, "demo-producer");
    Thread pollerThread = start(poller, "demo-nrql-poller");
    DemoEnding ends = new DemoEnding(scenario, options, out,
        new DemoEnding.Parts(fake, producer, producerThread, poller, newRelic, registry, timeline, clock, alerts));
    // Ctrl-C (SIGINT) and SIGTERM run shutdown hooks; this one reports what happened so far.
    Thread hook = new Thread(ends::interrupt, "breakwater-demo-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    end = ends;
    try {
      loop(ends, producer, newRelic, poller, fake, timeline);
      ends.stopProducing();
      pollerThread.interrupt();
      pollerThread.join();
      if (!ends.interrupted()) {
        ends.whileRunning(() -> {
          out.println(options.terminal() ? "\nDraining the buffers..." : "Draining the buffers...");
          out.flush();
        });
        newRelic.close();
        ends.sample("drained");
      }
      return ends.finish();
    } finally {
      ends.stopProducing();
      newRelic.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook runs (or ran) and finds the run ended.
      }
    }
  }

  private void loop(DemoEnding ends, SyntheticEntities producer, BreakwaterNewRelic newRelic, NrqlPoller poller,
      FakeNewRelic fake, Timeline timeline) throws InterruptedException {
    LiveView view = new LiveView(out, options.terminal(), scenario.length().toMillis() / 1000.0,
        options.live() != null);
    long start = System.nanoTime();
    long end = start + scenario.length().toNanos();
    long sampleNanos = Math.max(50_000_000L, units(0.25).toNanos());
    while (System.nanoTime() < end && !ends.interrupted()) {
      String phase = scenario.phaseAt(Duration.ofNanos(System.nanoTime() - start)).name();
      ends.sample(phase);
      LiveView.Frame frame = new LiveView.Frame(timeline.secondsNow(), phase, faults(fake), newRelic.registry().all(),
          producer.produced(), newRelic.entityStreamer().stats(), newRelic.metricStreamer().stats(), poller);
      ends.whileRunning(() -> view.render(frame));
      TimeUnit.NANOSECONDS.sleep(sampleNanos); // the view's refresh interval
    }
  }

  /**
   * Provisions the alert policy on the fake, whose clock makes a unit of the run a minute; empty
   * if that worked, else why not: the run goes on without alerts.
   */
  private static Optional<String> provisionAlerts(NewRelicConfig config) {
    try {
      AlertProvisioner.create(NerdGraphClient.builder(config).build(), AlertPolicyDefinition.circuitBreakerHealth())
          .provision(config.accountId());
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("not provisioned: " + Failures.describe(e));
    }
  }

  private String faults(FakeNewRelic fake) {
    if (fake == null) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    for (Api api : Api.values()) {
      fake.faults().describeCurrent(api).ifPresent(d ->
          s.append(s.length() == 0 ? "" : ", ").append(api.name().toLowerCase(Locale.ROOT)).append(": ").append(d));
    }
    return s.length() == 0 ? "(no faults)" : "(" + s + ")";
  }

  private static Thread start(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
