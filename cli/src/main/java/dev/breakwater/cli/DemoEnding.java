package dev.breakwater.cli;

import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.newrelic.BreakwaterNewRelic;
import dev.breakwater.testkit.FakeNewRelic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ends a demo run exactly once, whichever comes first: the end of the scenario (called after the
 * buffers drained) or an interruption (Ctrl-C, from the JVM's shutdown hook), which ends it at
 * once with what happened so far, without waiting for a drain. Either way it stops the producer
 * and the poller, counts what arrived, writes the report and prints the summary. Thread-safe: the
 * run's view renders through {@link #whileRunning} so that nothing is printed after the summary.
 */
final class DemoEnding {
  /**
   * The parts of a running demo that the ending reads.
   *
   * @param clock the fake's clock, or null in a live run
   * @param alertsNotProvisioned why the alert policy is missing, or empty if it was provisioned
   */
  record Parts(FakeNewRelic fake, SyntheticEntities producer, Thread producerThread, NrqlPoller poller,
      BreakwaterNewRelic newRelic, CircuitBreakerRegistry registry, Timeline timeline, DemoClock clock,
      Optional<String> alertsNotProvisioned) {}

  private final Scenario scenario;
  private final DemoRun.Options options;
  private final PrintWriter out;
  private final Parts parts;
  private volatile boolean interrupted;
  private DemoResult result; // guarded by this
  private String reportProblem; // guarded by this
  private DemoAlerts alerts; // guarded by this

  DemoEnding(Scenario scenario, DemoRun.Options options, PrintWriter out, Parts parts) {
    this.scenario = scenario;
    this.options = options;
    this.out = out;
    this.parts = parts;
  }

  /** Whether the run was interrupted; the run's loop stops when it is. */
  boolean interrupted() {
    return interrupted;
  }

  /**
   * Ctrl-C: ends the run now and reports what happened so far. Safe at any moment, from any
   * thread, any number of times; never throws (it runs in a shutdown hook).
   */
  void interrupt() {
    interrupted = true;
    try {
      finish();
    } catch (RuntimeException | Error e) {
      out.println("breakwater: could not finish the interrupted run: " + Failures.describe(e));
      out.flush();
    }
  }

  /** Runs {@code render} unless the run has ended, so that the view never draws over the summary. */
  synchronized void whileRunning(Runnable render) {
    if (result == null) {
      render.run();
    }
  }

  /** Ends the run (the first call) and returns its result; later calls return the same result. */
  synchronized DemoResult finish() {
    if (result != null) {
      return result;
    }
    boolean cut = interrupted;
    stopProducing();
    Timeline timeline = parts.timeline();
    if (cut) {
      sample("interrupted");
    }
    result = count(timeline.secondsNow(), cut);
    if (cut) {
      out.printf(Locale.ROOT, "%nInterrupted after %.1f s of %.0f s; the summary so far:%n",
          result.elapsedSeconds(), result.seconds());
    }
    alerts = readAlerts();
    try {
      Files.writeString(options.report(), new HtmlReport(result, scenario, timeline, alerts).render(),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      reportProblem = Failures.describe(e);
    }
    new DemoSummary(result, timeline, options.report(), Optional.ofNullable(reportProblem), alerts).print(out);
    return result;
  }

  /** The alerts and state changes of the run, once it has ended. */
  synchronized Optional<DemoAlerts> alerts() {
    return Optional.ofNullable(alerts);
  }

  private DemoAlerts readAlerts() {
    if (parts.fake() == null) {
      return DemoAlerts.none(parts.alertsNotProvisioned().orElse("live run"),
          parts.newRelic().stateChangeReporter().transitions());
    }
    return DemoAlerts.of(parts.fake(), parts.clock(), parts.alertsNotProvisioned(),
        parts.newRelic().stateChangeReporter());
  }

  /** Why the report could not be written, if it could not. */
  synchronized Optional<String> reportProblem() {
    return Optional.ofNullable(reportProblem);
  }

  void sample(String phase) {
    BreakwaterNewRelic newRelic = parts.newRelic();
    parts.timeline().sample(parts.registry().all(), parts.producer().produced(),
        newRelic.entityStreamer().stats().delivered(), newRelic.entityStreamer().stats().inBuffer(),
        newRelic.entityStreamer().stats().dropped(), phase);
  }

  /** Stops the producer and the poller; idempotent. */
  void stopProducing() {
    parts.producer().stop();
    parts.poller().stop();
    try {
      parts.producerThread().join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private DemoResult count(double elapsed, boolean cut) {
    FakeNewRelic fake = parts.fake();
    BreakwaterNewRelic newRelic = parts.newRelic();
    long produced = parts.producer().produced();
    long dropped = newRelic.entityStreamer().stats().dropped();
    long delivered;
    long duplicates;
    long arrived;
    if (fake != null) {
      List<Object> ids = new ArrayList<>();
      for (String type : List.of("MessageQueueBroker", "MessageQueueTopic")) {
        fake.events(type).forEach(e -> ids.add(e.get(SyntheticEntities.ID)));
      }
      Set<Object> distinct = new HashSet<>(ids);
      delivered = distinct.size();
      duplicates = ids.size() - distinct.size();
      arrived = delivered;
    } else {
      delivered = -1;
      duplicates = -1;
      arrived = newRelic.entityStreamer().stats().delivered();
    }
    long missing = produced - arrived - dropped;
    List<String> names = new ArrayList<>();
    parts.registry().all().forEach(b -> names.add(b.name()));
    NrqlPoller poller = parts.poller();
    return new DemoResult(scenario.length().toMillis() / 1000.0, elapsed, options.rate(), options.seed(),
        produced, delivered, duplicates, dropped, cut ? 0 : missing, cut ? Math.max(0, missing) : 0, names,
        poller.answered(), poller.failed(), poller.rejected(), options.live() != null, cut);
  }
}
