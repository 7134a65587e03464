package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A fake left open must not keep the JVM alive: every thread it starts is a daemon. */
class FakeThreadsTest {

  @Test
  void aFakeLeftOpenDoesNotKeepMainAlive() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createTempFile("fake-left-open", ".log");
    try {
      Process process = new ProcessBuilder(java, "-cp", classPath(), FakeLeftOpen.class.getName())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean exited = process.waitFor(30, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly().waitFor();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(exited).as("the JVM exits once main returns; it printed: %s", output).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output).contains("started http://127.0.0.1:");
    } finally {
      Files.deleteIfExists(log);
    }
  }

  @Test
  void everyThreadOfARunningFakeIsADaemon() {
    try (FakeNewRelic fake = FakeNewRelic.start()) {
      fake.requests(); // the server threads are up once start() returns
      assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("HTTP-Dispatcher")
          || t.getName().startsWith("fake-newrelic-")).isNotEmpty().allMatch(Thread::isDaemon);
    }
  }

  /** The test's own class path, whether the runner put it on the class path or the module path. */
  private static String classPath() throws Exception {
    List<String> entries = new ArrayList<>();
    entries.add(Path.of(FakeLeftOpen.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
