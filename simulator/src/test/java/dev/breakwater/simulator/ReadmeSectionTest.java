package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's {@code ```java} blocks in the project README compile as the README test compiles
 * them ({@code -Xlint:all -Werror}), and the JUnit example also passes, so the figures it shows
 * are the simulator's.
 */
class ReadmeSectionTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TYPE_NAME =
      Pattern.compile("^(?:public\\s+)?(?:final\\s+)?(?:class|interface|record|enum)\\s+(\\w+)", Pattern.MULTILINE);

  @TempDir
  Path dir;

  @Test
  void theJavaBlocksCompileAndTheTestExamplePasses() throws Exception {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    List<String> ours = List.of("RecordInventoryTraffic", "InventoryBreakerSimulationTest");
    List<String> files = new ArrayList<>();
    List<String> types = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(readme);
    while (block.find()) {
      Matcher type = TYPE_NAME.matcher(block.group(1));
      assertThat(type.find()).as("a java block that is not a whole source file:%n%s", block.group(1)).isTrue();
      if (!ours.contains(type.group(1))) {
        continue;
      }
      Path file = dir.resolve(type.group(1) + ".java");
      Files.writeString(file, block.group(1), StandardCharsets.UTF_8);
      files.add(file.toString());
      types.add(type.group(1));
    }
    assertThat(types).containsExactly("RecordInventoryTraffic", "InventoryBreakerSimulationTest");

    Path classes = dir.resolve("classes");
    List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Xlint:-path", "-Werror",
        "-proc:none", "-cp", System.getProperty("java.class.path"), "-d", classes.toString()));
    args.addAll(files);
    StringWriter out = new StringWriter();
    int status = ToolProvider.findFirst("javac").orElseThrow()
        .run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
    assertThat(status).as("javac on the README section's snippets:%n%s", out).isZero();

    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> test = loader.loadClass("InventoryBreakerSimulationTest");
      Constructor<?> constructor = test.getDeclaredConstructor();
      constructor.setAccessible(true);
      Object instance = constructor.newInstance();
      Method method = test.getDeclaredMethod("opensOnTheFifthFailureAndClosesThreeSecondsAfterTheOutage");
      method.setAccessible(true);
      method.invoke(instance);
    }
  }
}
