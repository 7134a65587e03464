package dev.breakwater.cli;

import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.RegistryEvent;
import dev.breakwater.newrelic.BreakwaterNewRelic;
import dev.breakwater.newrelic.EventApiClient;
import dev.breakwater.newrelic.NerdGraphClient;
import dev.breakwater.newrelic.NewRelicConfig;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.FakeNewRelic;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One run of the demo: a fake New Relic on loopback (or the real one, live), the real components
 * wired through {@link BreakwaterNewRelic}, a producer streaming entities, a poller reading NRQL,
 * the fault scenario, the live view, and at the end the count of what arrived, the summary and
 * the HTML report. Every time setting scales with the run's length, so a six-second run shows
 * the same story as the thirty-second default.
 */
final class DemoRun {

  /** How to run. */
  record Options(Duration duration, int rate, long seed, Scenario scenario, Path report, boolean live,
      boolean terminal, Map<String, String> env) {}

  private final Options options;
  private final PrintWriter out;
  private final Scenario scenario;
  private final Duration unit;

  DemoRun(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
    this.scenario = options.scenario().scaledTo(options.duration());
    this.unit = options.duration().dividedBy(30);
  }

  private Duration units(double n) {
    return Duration.ofNanos(Math.max(1_000_000L, Math.round(unit.toNanos() * n)));
  }

  DemoResult run() throws Exception {
    FakeNewRelic fake = options.live() ? null : FakeNewRelic.start();
    try {
      NewRelicConfig config = fake == null ? liveConfig() : fakeConfig(fake);
      if (fake != null) {
        schedule(fake);
      }
      return runWith(config, fake);
    } finally {
      if (fake != null) {
        fake.close();
      }
    }
  }

  private NewRelicConfig liveConfig() {
    NewRelicConfig config = NewRelicConfig.fromEnvironment(options.env());
    if (!config.hasLicenseKey() || !config.hasUserKey()) {
      throw new IllegalStateException("--live needs NEW_RELIC_ACCOUNT_ID, NEW_RELIC_LICENSE_KEY and NEW_RELIC_API_KEY");
    }
    return config;
  }

  private static NewRelicConfig fakeConfig(FakeNewRelic fake) {
    return NewRelicConfig.builder().accountId(fake.accountId()).licenseKey(fake.licenseKey())
        .userKey(fake.userKey()).eventApiUrl(fake.eventApiUrl()).metricApiUrl(fake.metricApiUrl())
        .nerdGraphUrl(fake.nerdGraphUrl()).build();
  }

  private void schedule(FakeNewRelic fake) {
    for (Scenario.Phase p : scenario.phases()) {
      p.faults().forEach((api, fault) -> fake.faults().during(api, p.start(), p.end(), fault));
    }
  }

  private DemoResult runWith(NewRelicConfig config, FakeNewRelic fake) throws Exception {
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
    long start = System.nanoTime();
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
        .build();

    SyntheticEntities producer = new SyntheticEntities(newRelic.entityStreamer(), options.rate(), options.seed());
    NrqlPoller poller = new NrqlPoller(newRelic.nerdGraph(), config.accountId(), units(0.5));
    Thread producerThread = start(producer, "demo-producer");
    Thread pollerThread = start(poller, "demo-nrql-poller");
    LiveView view = new LiveView(out, options.terminal(), scenario.length().toMillis() / 1000.0);
    long end = start + scenario.length().toNanos();
    long sampleNanos = Math.max(50_000_000L, units(0.25).toNanos());
    while (System.nanoTime() < end) {
      String phase = scenario.phaseAt(Duration.ofNanos(System.nanoTime() - start)).name();
      timeline.sample(registry.all(), producer.produced(), newRelic.entityStreamer().stats().delivered(),
          newRelic.entityStreamer().stats().inBuffer(), newRelic.entityStreamer().stats().dropped(), phase);
      view.render(new LiveView.Frame(timeline.secondsNow(), phase, faults(fake), registry.all(),
          producer.produced(), newRelic.entityStreamer().stats(), newRelic.metricStreamer().stats(), poller));
      TimeUnit.NANOSECONDS.sleep(sampleNanos); // the view's refresh interval
    }
    producer.stop();
    poller.stop();
    producerThread.join();
    pollerThread.interrupt();
    pollerThread.join();
    out.println(options.terminal() ? "\nDraining the buffers..." : "Draining the buffers...");
    out.flush();
    newRelic.close();
    timeline.sample(registry.all(), producer.produced(), newRelic.entityStreamer().stats().delivered(),
        newRelic.entityStreamer().stats().inBuffer(), newRelic.entityStreamer().stats().dropped(), "drained");

    DemoResult result = count(fake, producer, newRelic, registry, poller);
    Files.writeString(options.report(), new HtmlReport(result, scenario, timeline).render(), StandardCharsets.UTF_8);
    new DemoSummary(result, timeline, options.report()).print(out);
    return result;
  }

  private DemoResult count(FakeNewRelic fake, SyntheticEntities producer, BreakwaterNewRelic newRelic,
      CircuitBreakerRegistry registry, NrqlPoller poller) {
    long produced = producer.produced();
    long dropped = newRelic.entityStreamer().stats().dropped();
    long delivered;
    long duplicates;
    long lost;
    if (fake != null) {
      List<Object> ids = new ArrayList<>();
      for (String type : List.of("MessageQueueBroker", "MessageQueueTopic")) {
        fake.events(type).forEach(e -> ids.add(e.get(SyntheticEntities.ID)));
      }
      Set<Object> distinct = new HashSet<>(ids);
      delivered = distinct.size();
      duplicates = ids.size() - distinct.size();
      lost = produced - delivered - dropped;
    } else {
      delivered = -1;
      duplicates = -1;
      lost = produced - newRelic.entityStreamer().stats().delivered() - dropped;
    }
    List<String> names = new ArrayList<>();
    registry.all().forEach(b -> names.add(b.name()));
    return new DemoResult(scenario.length().toMillis() / 1000.0, options.rate(), options.seed(), produced,
        delivered, duplicates, dropped, lost, names, poller.answered(), poller.failed(), poller.rejected(),
        options.live());
  }

  private String faults(FakeNewRelic fake) {
    if (fake == null) {
      return "(live: no faults injected)";
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
