package dev.breakwater.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as the tests use it (copied from the cli module's test of the
 * same name, which modules cannot share): renders a page to its DOM and a screenshot in one shot,
 * or starts a {@link DevTools} session to watch a live page. {@code .ci/run} installs it; where
 * it is missing the test is skipped with an assumption.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
      "--enable-logging=stderr");

  /** What Chromium made of a page in one shot. */
  record Rendering(int exitCode, String dom, List<String> consoleErrors, String log) {}

  private final Path profile;

  private HeadlessChromium(Path profile) {
    this.profile = profile;
  }

  /** Skips the calling test (as an assumption) where Chromium is not installed. */
  static HeadlessChromium assumeInstalled() throws IOException {
    assumeTrue(Files.isExecutable(BINARY), BINARY + " not installed; skipping the rendering check");
    return new HeadlessChromium(Files.createTempDirectory("chromium-profile"));
  }

  /** Starts a DevTools session on a blank page. */
  DevTools devTools() throws IOException, InterruptedException {
    return DevTools.launch(BINARY, FLAGS, profile);
  }

  /** Loads {@code url} once, as a person or a checker would: its DOM after scripts ran, and a screenshot. */
  Rendering render(URI url, Path screenshot) throws IOException, InterruptedException {
    ProcessResult dom = run(List.of("--dump-dom", url.toString()));
    ProcessResult shot = run(List.of("--screenshot=" + screenshot, "--window-size=1440,900",
        url.toString()));
    List<String> errors = new ArrayList<>();
    for (String line : (dom.stderr + shot.stderr).split("\\R")) {
      if (line.contains("CONSOLE") && line.toLowerCase(java.util.Locale.ROOT).contains("error")) {
        errors.add(line);
      }
    }
    return new Rendering(Math.max(dom.exit, shot.exit), dom.stdout, errors,
        dom.stderr + shot.stderr);
  }

  private record ProcessResult(int exit, String stdout, String stderr) {}

  private ProcessResult run(List<String> extra) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + profile);
    command.addAll(extra);
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException("chromium did not finish within 120 s");
    }
    return new ProcessResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
