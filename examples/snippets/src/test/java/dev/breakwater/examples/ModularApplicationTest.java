package dev.breakwater.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a small application with its own {@code module-info.java} against Breakwater's jars on
 * the module path and runs it in a fresh JVM, with no {@code --add-modules}: the modules must
 * declare everything they need ({@code java.net.http}, {@code jdk.httpserver}, Jackson).
 */
class ModularApplicationTest {
  private static final List<String> MODULES = List.of("breakwater-core", "breakwater-newrelic",
      "breakwater-testkit", "jackson-databind", "jackson-core", "jackson-annotations");

  @TempDir
  Path dir;

  @Test
  void aModularApplicationRunsOnTheModulePathWithoutAddModules() throws Exception {
    String modulePath = modulePath();
    Path sources = copyApplication();
    Path classes = dir.resolve("classes");
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Xlint:-path", "-Werror",
        "--module-path", modulePath, "-d", classes.toString()));
    try (var files = Files.walk(sources)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    java.io.StringWriter out = new java.io.StringWriter();
    int compiled = javac.run(new java.io.PrintWriter(out), new java.io.PrintWriter(out),
        args.toArray(String[]::new));
    assertThat(compiled).as("javac output:%n%s", out).isZero();

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--module-path", classes + File.pathSeparator + modulePath,
        "-m", "app/app.Main").redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the application ends").isTrue();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.exitValue()).as("exit code; output:%n%s", output).isZero();
    assertThat(output).contains("call=ok", "delivered=true", "events=1")
        .doesNotContain("Exception");
  }

  /** The Breakwater and Jackson entries of this test's class path, as a module path. */
  private static String modulePath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      String name = path.getFileName().toString();
      if (MODULES.stream().anyMatch(m -> name.startsWith(m + "-") || moduleDirectory(path, m))) {
        entries.add(entry);
      }
    }
    assertThat(entries).as("module path entries").hasSize(MODULES.size());
    return entries.stream().collect(Collectors.joining(File.pathSeparator));
  }

  /** In a reactor build a module may be on the class path as its {@code target/classes}. */
  private static boolean moduleDirectory(Path path, String artifact) {
    if (!Files.isDirectory(path) || !path.endsWith(Path.of("target", "classes"))) {
      return false;
    }
    String folder = path.getParent().getParent().getFileName().toString();
    return artifact.equals("breakwater-" + folder);
  }

  private Path copyApplication() throws IOException {
    Path root = dir.resolve("app-src");
    for (String file : List.of("module-info.java", "app/Main.java")) {
      Path target = root.resolve(file);
      Files.createDirectories(target.getParent());
      try (InputStream in = ModularApplicationTest.class.getResourceAsStream("/modular-app/" + file)) {
        Files.copy(in, target);
      }
    }
    return root;
  }
}
