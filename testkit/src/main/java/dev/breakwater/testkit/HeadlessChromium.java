package dev.breakwater.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}), headless, for tests of generated pages: renders a
 * page to its DOM and a screenshot and collects console errors, or gives the command line for a
 * longer session (a DevTools client, say). Where Chromium is not installed, a test either skips
 * the check ({@link #ifInstalled}) or is itself skipped ({@link #assumeInstalled}).
 *
 * <p>This class is not thread-safe: an instance's runs share its temporary profile directory, so
 * give each thread its own instance.
 *
 * <pre>{@code
 * HeadlessChromium.ifInstalled(chromium -> {
 *   HeadlessChromium.Rendering r = chromium.render(report.toUri(), screenshot, 1100, 1800);
 *   assertThat(r.exitCode()).as(r.log()).isZero();
 *   assertThat(r.consoleErrors()).isEmpty();
 * });
 * }</pre>
 */
public final class HeadlessChromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
      "--enable-logging=stderr");
  private static final long TIMEOUT_SECONDS = 120;

  /**
   * What Chromium made of a page in one shot.
   *
   * @param exitCode the larger of the two runs' exit codes (one for the DOM, one for the
   *     screenshot); zero when both succeeded
   * @param dom the document after its scripts ran, as HTML
   * @param consoleErrors the lines of Chromium's log that report a console error
   * @param log Chromium's whole log (its standard error) of both runs
   */
  public record Rendering(int exitCode, String dom, List<String> consoleErrors, String log) {
    /**
     * Creates a rendering; the list of errors is copied.
     *
     * @param exitCode the larger of the two runs' exit codes
     * @param dom the document after its scripts ran
     * @param consoleErrors the log lines that report a console error
     * @param log Chromium's whole log
     * @throws NullPointerException if {@code dom}, {@code consoleErrors} or {@code log} is null
     */
    public Rendering {
      Objects.requireNonNull(dom, "dom");
      consoleErrors = List.copyOf(consoleErrors);
      Objects.requireNonNull(log, "log");
    }
  }

  /** A check that needs Chromium, for {@link #ifInstalled}. */
  @FunctionalInterface
  public interface Check {
    /**
     * Runs the check.
     *
     * @param chromium a Chromium with a fresh profile
     * @throws Exception whatever the check throws; it fails the test
     */
    void run(HeadlessChromium chromium) throws Exception;
  }

  private final Path profile;

  private HeadlessChromium(Path profile) {
    this.profile = profile;
  }

  /**
   * Runs {@code check} if Chromium is installed; otherwise notes on standard error that the check
   * was skipped and returns, so the rest of the calling test still counts.
   *
   * @param check what to do with Chromium
   * @throws NullPointerException if {@code check} is null
   * @throws IOException if the temporary profile directory cannot be created
   * @throws Exception whatever {@code check} throws
   */
  public static void ifInstalled(Check check) throws Exception {
    Objects.requireNonNull(check, "check");
    if (!Files.isExecutable(BINARY)) {
      System.err.println("HeadlessChromium: " + BINARY
          + " not installed; skipping the rendering check");
      return;
    }
    check.run(new HeadlessChromium(Files.createTempDirectory("chromium-profile")));
  }

  /**
   * Returns a Chromium with a fresh profile, or skips the calling JUnit 5 test where Chromium is
   * not installed (a failed assumption: JUnit's {@code TestAbortedException}). Needs
   * {@code junit-jupiter-api}, which the testkit declares optional, on the test class path.
   *
   * @return a Chromium with a fresh profile
   * @throws IOException if the temporary profile directory cannot be created
   */
  public static HeadlessChromium assumeInstalled() throws IOException {
    assumeTrue(Files.isExecutable(BINARY), BINARY + " not installed; skipping the rendering check");
    return new HeadlessChromium(Files.createTempDirectory("chromium-profile"));
  }

  /**
   * Returns the command line that starts this headless Chromium with its profile, followed by
   * {@code arguments}; for a longer session than {@link #render}, such as a DevTools client with
   * {@code --remote-debugging-port=0}.
   *
   * @param arguments what to add at the end: more switches, then the URL
   * @return a new, modifiable list
   * @throws NullPointerException if {@code arguments} or one of them is null
   */
  public List<String> command(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + profile);
    for (String argument : arguments) {
      command.add(Objects.requireNonNull(argument, "argument"));
    }
    return command;
  }

  /**
   * Loads {@code url} twice, as a person or a checker would: once for its DOM after scripts ran,
   * once for a screenshot of a window of the given size. Each run may take up to 120 seconds.
   *
   * @param url the page, such as {@code file.toUri()} or a server on loopback
   * @param screenshot where to write the PNG; an absolute path, since Chromium runs in another
   *     working directory
   * @param width the window's width in pixels
   * @param height the window's height in pixels; the screenshot shows only what fits
   * @return the DOM, the console errors and the log
   * @throws NullPointerException if {@code url} or {@code screenshot} is null
   * @throws IllegalArgumentException if {@code width} or {@code height} is not positive
   * @throws IOException if Chromium cannot be started or does not finish within 120 seconds
   * @throws InterruptedException if interrupted while waiting for Chromium
   */
  public Rendering render(URI url, Path screenshot, int width, int height)
      throws IOException, InterruptedException {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(screenshot, "screenshot");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "window size must be positive, was " + width + "x" + height);
    }
    ProcessResult dom = run(List.of("--dump-dom", url.toString()));
    ProcessResult shot = run(List.of("--screenshot=" + screenshot,
        "--window-size=" + width + "," + height, url.toString()));
    String log = dom.stderr + shot.stderr;
    List<String> errors = new ArrayList<>();
    for (String line : log.split("\\R")) {
      if (line.contains("CONSOLE") && line.toLowerCase(Locale.ROOT).contains("error")) {
        errors.add(line);
      }
    }
    return new Rendering(Math.max(dom.exit, shot.exit), dom.stdout, errors, log);
  }

  private record ProcessResult(int exit, String stdout, String stderr) {}

  private ProcessResult run(List<String> arguments) throws IOException, InterruptedException {
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    try {
      Process p = new ProcessBuilder(command(arguments)).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s");
      }
      return new ProcessResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
