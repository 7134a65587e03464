package dev.breakwater.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
 * Every {@code ```java} block of the README is a whole source file that compiles as written in a
 * plain project with Breakwater's jars on the class path: no hidden imports, no undeclared
 * variables, no unhandled checked exceptions. The blocks are compiled together with
 * {@code -Xlint:all -Werror}.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TYPE_NAME =
      Pattern.compile("^(?:public\\s+)?(?:final\\s+)?(?:class|interface|record|enum)\\s+(\\w+)",
          Pattern.MULTILINE);

  @TempDir
  Path dir;

  @Test
  void everyJavaSnippetInTheReadmeCompilesAsWritten() throws Exception {
    String readme = Files.readString(Path.of("../../README.md"), StandardCharsets.UTF_8);
    List<String> files = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(readme);
    while (block.find()) {
      String source = block.group(1);
      Matcher type = TYPE_NAME.matcher(source);
      assertThat(type.find()).as("a README java block that is not a whole source file:%n%s", source)
          .isTrue();
      Path file = dir.resolve(type.group(1) + ".java");
      assertThat(file).as("two README blocks declare %s", type.group(1)).doesNotExist();
      Files.writeString(file, source, StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    assertThat(files).as("java blocks in the README").hasSizeGreaterThanOrEqualTo(5);

    List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Xlint:-path",
        "-Werror", "-proc:none", "-cp", System.getProperty("java.class.path"),
        "-d", dir.resolve("classes").toString()));
    args.addAll(files);
    StringWriter out = new StringWriter();
    int status = ToolProvider.findFirst("javac").orElseThrow()
        .run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
    assertThat(status).as("javac on the README's snippets:%n%s", out).isZero();
    assertThat(dir.resolve("classes").toFile().list()).isNotEmpty();
  }
}
