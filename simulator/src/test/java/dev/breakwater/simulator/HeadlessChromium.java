package dev.breakwater.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as the tests use it: renders a local file to its DOM and a
 * screenshot and collects console errors (a copy of the CLI tests' helper). {@code .ci/run}
 * installs it; where it is missing the check is skipped with a note on stderr.
 */
final class HeadlessChromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");

  /** What Chromium made of a page. */
  record Rendering(int exitCode, String dom, List<String> consoleErrors, String log) {}

  /** A check that needs Chromium. */
  interface Check {
    void run(HeadlessChromium chromium) throws Exception;
  }

  private final Path profile;

  private HeadlessChromium(Path profile) {
    this.profile = profile;
  }

  static void ifInstalled(Check check) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      System.err.println("HeadlessChromium: " + BINARY + " not installed; skipping the rendering check");
      return;
    }
    Path profile = Files.createTempDirectory("chromium-profile");
    check.run(new HeadlessChromium(profile));
  }

  Rendering render(Path page, Path screenshot) throws IOException, InterruptedException {
    String url = page.toUri().toString();
    ProcessResult dom = run(List.of("--dump-dom", url));
    ProcessResult shot = run(List.of("--screenshot=" + screenshot, "--window-size=1100,1800", url));
    List<String> errors = new ArrayList<>();
    for (String line : (dom.stderr + shot.stderr).split("\\R")) {
      if (line.contains("CONSOLE") && line.toLowerCase(java.util.Locale.ROOT).contains("error")) {
        errors.add(line);
      }
    }
    return new Rendering(Math.max(dom.exit, shot.exit), dom.stdout, errors, dom.stderr + shot.stderr);
  }

  private record ProcessResult(int exit, String stdout, String stderr) {}

  private ProcessResult run(List<String> extra) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--enable-logging=stderr",
        "--user-data-dir=" + profile));
    command.addAll(extra);
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish within 120 s");
    }
    return new ProcessResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
