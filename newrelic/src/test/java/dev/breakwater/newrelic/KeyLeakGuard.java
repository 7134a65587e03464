package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs around every test of this module (registered by service loading): it turns Breakwater's
 * loggers up to ALL, captures every record with its formatted message and stack trace (messages
 * of every cause included), and fails the test if a canary key appears in any of them, or in the
 * exception the test itself ended with.
 */
public final class KeyLeakGuard implements BeforeEachCallback, AfterEachCallback {
  private static final Logger BREAKWATER = Logger.getLogger("dev.breakwater");
  private static final Logger ROOT = Logger.getLogger("");
  private static final List<String> CAPTURED = new CopyOnWriteArrayList<>();
  private static final Handler CAPTURE = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      CAPTURED.add(formatter.format(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  static {
    CAPTURE.setLevel(Level.ALL);
  }

  /** Every log line captured during the current test, for tests that assert on logs. */
  static List<String> captured() {
    return List.copyOf(CAPTURED);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    CAPTURED.clear();
    BREAKWATER.setLevel(Level.ALL);
    ROOT.removeHandler(CAPTURE);
    ROOT.addHandler(CAPTURE);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ROOT.removeHandler(CAPTURE);
    for (String line : CAPTURED) {
      assertThat(Canary.leaks(line)).as("a log line leaks a key: %s", line.replace(Canary.LICENSE_KEY, "<LICENSE>")
          .replace(Canary.USER_KEY, "<USER>")).isFalse();
    }
    context.getExecutionException().ifPresent(e -> {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertThat(Canary.leaks(trace.toString())).as("the test's exception leaks a key").isFalse();
    });
  }
}
