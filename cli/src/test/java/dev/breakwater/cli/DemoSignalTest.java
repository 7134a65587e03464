package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real: the CLI runs in its own JVM ({@code java -cp <test class path>
 * dev.breakwater.cli.Main}, the jar's main class; the shaded jar itself is only built after the
 * tests), gets a signal a few hundred milliseconds into the demo, and must print the summary so
 * far, write the report and exit with the signal's code.
 *
 * <p>SIGINT is what a terminal's Ctrl-C sends. A process started in the background by a
 * non-interactive shell inherits SIGINT as <em>ignored</em>, and the JVM then leaves it ignored,
 * so the child is started through {@code env --default-signal=INT} (GNU coreutils 8.31+), and the
 * test checks {@code /proc/PID/status} before sending: where SIGINT is still ignored (or cannot be
 * checked) it is skipped rather than hang. SIGTERM ({@link Process#destroy()}) runs the same
 * shutdown hook and is tested everywhere (through {@link ProcessHandle#destroy()}, which sends it
 * like {@link Process#destroy()} but leaves the child's output readable).
 */
class DemoSignalTest {
  private static final long SIGINT_MASK = 1L << (2 - 1);

  @Test
  @Timeout(120)
  void ctrlCPrintsTheSummarySoFarWritesTheReportAndExits130(@TempDir Path dir) throws Exception {
    Process p = start(dir, true);
    try (BufferedReader out = reader(p)) {
      String first = awaitStatusLine(out);
      assumeTrue(sigintHandled(p.pid()), "SIGINT is ignored in this process tree (or /proc is missing), so Ctrl-C"
          + " cannot be simulated here; the SIGTERM test covers the same hook");
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
      assertThat(kill.waitFor()).isZero();
      checkInterrupted(p, first, out, dir, 130);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  @Timeout(120)
  void sigtermRunsTheSameHookAndExits143(@TempDir Path dir) throws Exception {
    Process p = start(dir, false);
    try (BufferedReader out = reader(p)) {
      String first = awaitStatusLine(out);
      // Process.destroy() sends SIGTERM too, but also closes our end of the pipes; the handle only signals.
      assertThat(p.toHandle().destroy()).isTrue();
      checkInterrupted(p, first, out, dir, 143);
    } finally {
      p.destroyForcibly();
    }
  }

  private static void checkInterrupted(Process p, String first, BufferedReader out, Path dir, int exitCode)
      throws Exception {
    List<String> rest = new ArrayList<>();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      rest.add(line);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stdout = first + "\n" + String.join("\n", rest);
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertThat(p.exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s", stdout, stderr).isEqualTo(exitCode);
    assertThat(stdout).containsOnlyOnce("Summary (interrupted)").contains("  events produced   ")
        .contains("  report            " + dir.resolve("report.html"));
    assertThat(rest.get(rest.size() - 1)).startsWith("Interrupted after ");
    assertThat(stderr).doesNotContain("Exception", "\tat ");
    Path report = dir.resolve("report.html");
    assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
        .getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Breakwater demo report");
    assertThat(Files.readString(report)).contains("Interrupted after ");
  }

  private static Process start(Path dir, boolean defaultSigint) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (defaultSigint && envCanResetSignals()) {
      command.addAll(List.of("env", "--default-signal=INT"));
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "demo", "--plain", "--duration", "60s", "--rate", "100", "--report", dir.resolve("report.html").toString()));
    return new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
  }

  private static boolean envCanResetSignals() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The first status line of the plain view: the demo is running. */
  private static String awaitStatusLine(BufferedReader out) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("[")) {
        return line;
      }
    }
    throw new AssertionError("the demo ended before printing a status line");
  }

  private static boolean sigintHandled(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & SIGINT_MASK) == 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }
}
