package dev.breakwater.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks before a run that its report can be written where asked, so that a typo in
 * {@code --report} fails at once instead of after the whole run. Stateless.
 */
final class ReportFile {
  private ReportFile() {}

  /** What stops {@code report} from being written, if anything. */
  static Optional<String> problem(Path report) {
    Path absolute = report.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return Optional.of("is a directory; name a file in it, e.g. "
          + report.resolve("breakwater-demo-report.html"));
    }
    Path dir = absolute.getParent();
    if (dir == null) {
      return Optional.of("names no file");
    }
    if (!Files.exists(dir)) {
      return Optional.of("the directory " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      return Optional.of(dir + " is not a directory");
    }
    if (Files.exists(absolute) ? !Files.isWritable(absolute) : !Files.isWritable(dir)) {
      return Optional.of("cannot be written (permission denied)");
    }
    return Optional.empty();
  }
}
