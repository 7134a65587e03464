package dev.breakwater.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} on a free loopback port, with no persistence, in a temporary
 * directory: started, killed, restarted on the same port, paused with SIGSTOP and resumed.
 */
final class RedisServer implements AutoCloseable {
  private static final String EXECUTABLE = System.getProperty("breakwater.redisServer", "redis-server");

  private final Path dir;
  private final int port;
  private Process process;

  private RedisServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  static RedisServer start() {
    try {
      RedisServer server = new RedisServer(Files.createTempDirectory("breakwater-redis"), freePort());
      server.launch();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("could not start redis-server", e);
    }
  }

  URI uri() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  int port() {
    return port;
  }

  /** Kills the server (SIGTERM, then SIGKILL) and waits until it is gone. */
  void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Starts the server again on the same port, empty. */
  void restart() {
    kill();
    try {
      launch();
    } catch (IOException e) {
      throw new IllegalStateException("could not restart redis-server", e);
    }
  }

  /** SIGSTOP: the server keeps its sockets but answers nothing. */
  void pause() {
    signal("-STOP");
  }

  /** SIGCONT. */
  void resume() {
    signal("-CONT");
  }

  /** Runs a command through a raw RESP connection and returns the raw reply's first line. */
  String command(String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      socket.setSoTimeout(2_000);
      StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
      for (String arg : args) {
        request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
            .append(arg).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    } catch (IOException e) {
      throw new IllegalStateException("redis command failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    Process p = process;
    if (p != null) {
      resume(); // a stopped process ignores SIGTERM until continued
    }
    kill();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }

  private void launch() throws IOException {
    process = new ProcessBuilder(List.of(EXECUTABLE, "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
        "--daemonize", "no", "--loglevel", "warning"))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile())
        .start();
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly)); // if close() never runs
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
      }
      try {
        if ("+PONG".equals(command("PING"))) {
          return;
        }
      } catch (IllegalStateException e) {
        // not listening yet
      }
      Thread.onSpinWait();
    }
    throw new IllegalStateException("redis-server did not answer PING within 10 s");
  }

  private void signal(String signal) {
    Process p = process;
    if (p == null) {
      return;
    }
    try {
      new ProcessBuilder("kill", signal, Long.toString(p.pid())).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("kill " + signal + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
