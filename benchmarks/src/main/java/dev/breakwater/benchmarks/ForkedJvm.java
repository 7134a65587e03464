package dev.breakwater.benchmarks;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a measurement's {@code main} in a fresh JVM (same classpath, {@code -Xmx256m}, and a fixed
 * number of JIT compiler threads, so none exits while {@link ThreadCpu} counts) and reads
 * back its result: the child prints one {@code RESULT name=value ...} line made by
 * {@link #encode}, and the parent rebuilds the record with {@link #decode}. JVMs are run one at a
 * time; the caller waits for each.
 */
final class ForkedJvm {
  static final String PREFIX = "RESULT ";

  private ForkedJvm() {}

  /** Runs {@code main} with {@code args} and returns its output lines (stdout and stderr). */
  static List<String> run(Class<?> main, long limitSeconds, List<String> args)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
        "-XX:-UseDynamicNumberOfCompilerThreads", "-cp",
        System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    File out = File.createTempFile("breakwater-forked-", ".out");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(out).start();
      if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IOException(main.getSimpleName() + " " + args + " did not finish within "
            + limitSeconds + " s: " + Files.readString(out.toPath(), StandardCharsets.UTF_8));
      }
      String output = Files.readString(out.toPath(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException(main.getSimpleName() + " " + args + " failed: " + output);
      }
      return List.of(output.split("\\R"));
    } finally {
      Files.deleteIfExists(out.toPath());
    }
  }

  /** Runs {@code main} and decodes the last {@code RESULT} line it printed as a {@code type}. */
  static <R extends Record> R runFor(Class<R> type, Class<?> main, long limitSeconds, List<String> args)
      throws IOException, InterruptedException {
    List<String> lines = run(main, limitSeconds, args);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(PREFIX)) {
        return decode(type, lines.get(i));
      }
    }
    throw new IOException(main.getSimpleName() + " " + args + " printed no result: " + String.join("\n", lines));
  }

  /** One line, {@code RESULT a=1 b=2.5 c=text}; values must not contain spaces. */
  static String encode(Record r) {
    StringBuilder line = new StringBuilder(PREFIX.strip());
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        line.append(' ').append(c.getName()).append('=').append(c.getAccessor().invoke(r));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return line.toString();
  }

  /** The inverse of {@link #encode} for records of int, long, double and String components. */
  static <R extends Record> R decode(Class<R> type, String line) {
    Map<String, String> values = new HashMap<>();
    for (String pair : line.substring(PREFIX.length()).strip().split(" +")) {
      int eq = pair.indexOf('=');
      values.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      String v = values.get(components[i].getName());
      if (v == null) {
        throw new IllegalArgumentException("no " + components[i].getName() + " in " + line);
      }
      if (types[i] == int.class) {
        args[i] = Integer.parseInt(v);
      } else if (types[i] == long.class) {
        args[i] = Long.parseLong(v);
      } else if (types[i] == double.class) {
        args[i] = Double.parseDouble(v);
      } else if (types[i] == boolean.class) {
        args[i] = Boolean.parseBoolean(v);
      } else if (types[i] == String.class) {
        args[i] = v;
      } else {
        throw new IllegalArgumentException("unsupported component type " + types[i]);
      }
    }
    try {
      Constructor<R> canonical = type.getDeclaredConstructor(types);
      return canonical.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
