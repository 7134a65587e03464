package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.Permit;
import dev.breakwater.testkit.ManualTicker;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A production breaker on a manual clock, recorded by a {@link TraceRecorder}; the trace read
 * back and replayed through the same configuration gives the same state changes and counts as
 * the production breaker had.
 */
class TraceRecorderTest {
  private final ManualTicker ticker = ManualTicker.create();
  private final CircuitBreakerConfig config = CircuitBreakerConfig.builder("inventory")
      .failureThreshold(2)
      .retryDelay(Duration.ofSeconds(1))
      .timeout(Duration.ZERO)
      .ticker(ticker)
      .build();
  private final CircuitBreaker breaker = CircuitBreaker.of(config);
  private final long origin = ticker.read();

  @TempDir
  Path dir;

  private void at(long millis) {
    ticker.advance(Duration.ofNanos(origin + millis * 1_000_000L - ticker.read()));
  }

  private Permit acquire() {
    return breaker.tryAcquire().orElseThrow();
  }

  /**
   * Calls at 0 (20 ms, success), 100 (200 ms, timeout) and 150 (10 ms, failure) overlap; the two
   * failures open the breaker at 300 ms; calls at 400 and 500 are rejected; after the 1 s retry
   * delay two trials (1300, 1400) close it at 1420 ms.
   */
  private List<String> drive() {
    List<String> changes = new ArrayList<>();
    breaker.onEvent(e -> {
      if (e instanceof CircuitBreakerEvent.StateChanged c) {
        changes.add((ticker.read() - origin) / 1_000_000L + " " + c.to());
      }
    });
    at(0);
    Permit p1 = acquire();
    at(20);
    p1.onSuccess();
    at(100);
    Permit p2 = acquire();
    at(150);
    Permit p3 = acquire();
    at(160);
    p3.onFailure(new IOException("connection reset"));
    at(300);
    p2.onFailure(new TimeoutException("deadline"));
    at(400);
    assertThat(breaker.tryAcquire()).isEmpty();
    at(500);
    assertThat(breaker.tryAcquire()).isEmpty();
    at(1300);
    Permit t1 = acquire();
    at(1310);
    t1.onSuccess();
    at(1400);
    Permit t2 = acquire();
    at(1420);
    t2.onSuccess();
    return changes;
  }

  @Test
  void writesOneLinePerCallInTheOrderCallsEndWithRejectedCallsMarked() throws IOException {
    StringWriter out = new StringWriter();
    TraceRecorder recorder = TraceRecorder.attach(breaker, out, 64);
    drive();
    recorder.close();

    assertThat(out.toString()).isEqualTo("""
        offset_ms,duration_ms,outcome,error
        0,20,success,
        150,10,failure,java.io.IOException
        100,200,timeout,java.util.concurrent.TimeoutException
        400,200,timeout,rejected
        500,200,timeout,rejected
        1300,10,success,
        1400,20,success,
        """);
    assertThat(recorder.recorded()).isEqualTo(7);
    assertThat(recorder.dropped()).isZero();
  }

  @Test
  void theRecordedTraceReplaysToTheProductionBreakersStateChangesAndCounts() throws IOException {
    Path file = dir.resolve("inventory.csv");
    TraceRecorder recorder = TraceRecorder.attach(breaker, file);
    List<String> production = drive();
    recorder.close();
    CircuitBreakerStats stats = breaker.stats();

    Workload trace = Workload.trace(file);
    Figures replayed = Simulation.of(trace).run(config);

    assertThat(production).containsExactly("300 OPEN", "1300 HALF_OPEN", "1420 CLOSED");
    assertThat(replayed.transitions()).extracting(t -> t.at().toMillis() + " " + t.to())
        .containsExactlyElementsOf(production);
    assertThat(replayed.overall().rejected()).isEqualTo(stats.totalRejections()).isEqualTo(2);
    assertThat(replayed.overall().failedCallsAdmitted()).isEqualTo(stats.totalFailures()).isEqualTo(2);
    assertThat(replayed.overall().timeouts()).isEqualTo(stats.totalTimeouts()).isEqualTo(1);
    assertThat(replayed.overall().successfulCalls()).isEqualTo(stats.totalSuccesses()).isEqualTo(3);
    assertThat(replayed.overall().trialCalls()).isEqualTo(2);
    // The rejected calls (400, 500) take the outcome of the nearest recorded call, the failure at 150.
    assertThat(replayed.overall().filledCalls()).isEqualTo(2);
    assertThat(replayed.overall().healthyCallsRejected()).isZero();
  }

  @Test
  void aSyntheticWorkloadSurvivesTheTraceFormatUnchanged() throws IOException {
    Workload synthetic = Workload.synthetic(7).callsPerSecond(50).latency(Duration.ofMillis(5), Duration.ofMillis(80))
        .healthy("a", Duration.ofSeconds(20), 0.02).fault("b", Duration.ofSeconds(5), 0.9)
        .healthy("c", Duration.ofSeconds(20), 0.02).build();
    StringWriter csv = new StringWriter();
    synthetic.writeTrace(csv);
    Workload back = Workload.trace(new StringReader(csv.toString()), "round trip");

    assertThat(back.calls().starts).isEqualTo(synthetic.calls().starts);
    assertThat(back.calls().durations).isEqualTo(synthetic.calls().durations);
    assertThat(back.calls().outcomes).isEqualTo(synthetic.calls().outcomes);
    CircuitBreakerConfig c = CircuitBreakerConfig.builder("c").failureThreshold(3).build();
    assertThat(Simulation.of(back).run(c).overall().opens()).isEqualTo(Simulation.of(synthetic).run(c).overall().opens());
  }

  @Test
  void aFailingWriteSurfacesWhenTheRecorderIsClosedAndNeverReachesTheCaller() throws IOException {
    Writer failing = new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) throws IOException {
        throw new IOException("disk full");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    TraceRecorder recorder = TraceRecorder.attach(breaker, failing, 16);
    at(0);
    Permit p = acquire();
    at(5);
    p.onSuccess(); // buffered; the write fails on the writer thread, not here

    assertThatThrownBy(recorder::close).isInstanceOf(IOException.class).hasMessage("disk full");
  }

  @Test
  void theBufferDropsWhatItCannotHoldAndDeliversTheRestInOrder() {
    TraceBuffer buffer = new TraceBuffer(4);
    for (int i = 0; i < 6; i++) {
      buffer.offer(i, i, Calls.SUCCESS, "");
    }
    List<Long> drained = new ArrayList<>();
    buffer.drain((offset, duration, kind, error) -> drained.add(offset));

    assertThat(buffer.capacity()).isEqualTo(4);
    assertThat(drained).containsExactly(0L, 1L, 2L, 3L);
    assertThat(buffer.dropped()).isEqualTo(2);
    assertThat(buffer.offer(9, 9, Calls.SUCCESS, "")).isTrue();
  }

  @Test
  void closingTwiceIsHarmless() throws IOException {
    TraceRecorder recorder = TraceRecorder.attach(breaker, new StringWriter(), 16);
    recorder.close();
    recorder.close();
    assertThat(recorder.recorded()).isZero();
  }
}
