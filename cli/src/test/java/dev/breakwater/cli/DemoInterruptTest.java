package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the shutdown hook does on Ctrl-C, in-process: {@link DemoRun#interrupt} ends the run at
 * once with the summary so far and the report, exactly once. {@link DemoSignalTest} sends the
 * real signals to a real process.
 */
class DemoInterruptTest {

  /** Captures the output and opens when the plain view has printed {@code lines} status lines. */
  static final class StatusLines extends StringWriter {
    private final int wanted;
    private final CountDownLatch seen = new CountDownLatch(1);

    StatusLines(int wanted) {
      this.wanted = wanted;
    }

    @Override
    public void flush() {
      if (toString().lines().filter(l -> l.startsWith("[")).count() >= wanted) {
        seen.countDown();
      }
    }

    void await() throws InterruptedException {
      seen.await();
    }
  }

  @Test
  @Timeout(120)
  void anInterruptedRunPrintsTheSummarySoFarAndWritesTheReportOnce(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.html");
    StatusLines out = new StatusLines(2);
    DemoRun run = new DemoRun(new DemoRun.Options(Duration.ofSeconds(60), 100, 7, Scenario.bundled(), report,
        null, false), new PrintWriter(out, true));
    assertThat(run.interrupt()).as("nothing to interrupt before the run starts").isFalse();
    CompletableFuture<DemoResult> running = CompletableFuture.supplyAsync(() -> {
      try {
        return run.run();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    out.await(); // the second status line: about 2 s into the healthy first phase (8 s of 60)

    assertThat(run.interrupt()).isTrue();
    assertThat(run.interrupt()).as("a second Ctrl-C (or the hook after the run ended) is harmless").isTrue();
    DemoResult result = running.join();

    assertThat(result.interrupted()).isTrue();
    assertThat(result.nothingLost()).as("an interrupted run is never called good").isFalse();
    assertThat(result.produced()).isPositive();
    assertThat(result.elapsedSeconds()).isLessThan(30);
    assertThat(result.seconds()).isEqualTo(60);
    assertThat(result.delivered() + result.dropped() + result.pending()).isEqualTo(result.produced());
    String text = out.toString();
    assertThat(text).containsOnlyOnce("Summary (interrupted)").containsOnlyOnce("; the summary so far:");
    List<String> lines = text.lines().toList();
    assertThat(lines.get(lines.size() - 1)).as("nothing is drawn after the summary")
        .startsWith("Interrupted after ").endsWith(" events not delivered yet, " + result.dropped() + " dropped.");
    assertThat(text).contains("  report            " + report.toAbsolutePath());
    assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
        .getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Breakwater demo report");
    assertThat(Files.readString(report)).contains("Interrupted after ").doesNotContain("Nothing lost");
  }
}
