package dev.breakwater.benchmarks;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.redis.RedisFleet;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code execute} on a breaker whose registry a {@link RedisFleet} shares, against the same call
 * on an identical breaker no fleet knows: the fleet attaches nothing to the call path (it polls
 * the breakers from its own thread), so the two should cost the same within noise. A third
 * breaker is shared through a fleet whose Redis is down, to show that an outage costs the calls
 * nothing either. The benchmark starts its own {@code redis-server} (on the PATH, or
 * {@code -Dbreakwater.redisServer=...}) on a free loopback port, and the fleets poll ten times
 * as often as by default, so any interference would show. Breakers are shared by all benchmark
 * threads, as in {@link CallBenchmark}. For comparison, a fourth breaker carries a listener that
 * only picks out state changes, as a listener-based fleet would.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RedisFleetBenchmark -t 1} (and
 * {@code -t 2}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class RedisFleetBenchmark {
  private final Callable<Object> callable = () -> CallBenchmark.RESULT;

  private Path dir;
  private Process redis;
  private RedisFleet fleet;
  private RedisFleet orphan;
  private CircuitBreaker detached;
  private CircuitBreaker attached;
  private CircuitBreaker attachedRedisDown;
  private CircuitBreaker listened;
  private volatile int transitions;

  @Setup(Level.Trial)
  public void start() throws Exception {
    dir = Files.createTempDirectory("breakwater-bench-redis");
    int port = freePort();
    redis = new ProcessBuilder(List.of(System.getProperty("breakwater.redisServer", "redis-server"),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--dir", dir.toString(), "--daemonize", "no", "--loglevel", "warning"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    Process started = redis;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroy)); // a killed fork leaves no server
    awaitPong(port);

    detached = CircuitBreakerRegistry.create().breaker(config("bw-detached"));
    CircuitBreakerRegistry shared = CircuitBreakerRegistry.create();
    attached = shared.breaker(config("bw-attached"));
    fleet = attach(shared, port, "bench");
    CircuitBreakerRegistry stranded = CircuitBreakerRegistry.create();
    attachedRedisDown = stranded.breaker(config("bw-attached-redis-down"));
    orphan = attach(stranded, freePort(), "bench-down"); // nothing listens there: local-only
    listened = CircuitBreakerRegistry.create().breaker(config("bw-listened"));
    listened.onEvent(event -> {
      if (event instanceof CircuitBreakerEvent.StateChanged) {
        transitions++;
      }
    });
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    fleet.close();
    orphan.close();
    redis.destroy();
    redis.waitFor(5, TimeUnit.SECONDS);
    Files.deleteIfExists(dir.resolve("redis.log"));
    Files.deleteIfExists(dir);
  }

  private static RedisFleet attach(CircuitBreakerRegistry registry, int port, String name) {
    return RedisFleet.builder(registry, URI.create("redis://127.0.0.1:" + port))
        .fleet(name)
        .pollInterval(Duration.ofMillis(10))
        .refreshInterval(Duration.ofMillis(100))
        .timeout(Duration.ofMillis(200))
        .build();
  }

  private static CircuitBreakerConfig config(String name) {
    return CircuitBreakerConfig.builder(name).timeout(Duration.ZERO).build();
  }

  @Benchmark
  public Object executeDetached() throws Exception {
    return detached.execute(callable);
  }

  @Benchmark
  public Object executeAttached() throws Exception {
    return attached.execute(callable);
  }

  @Benchmark
  public Object executeAttachedRedisDown() throws Exception {
    return attachedRedisDown.execute(callable);
  }

  /**
   * What the fleet avoids by polling: a listener that only picks out {@code StateChanged} events
   * still makes the core build an event for every call.
   */
  @Benchmark
  public Object executeWithStateChangeListener() throws Exception {
    return listened.execute(callable);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPong(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() - deadline < 0) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        socket.setSoTimeout(1_000);
        OutputStream out = socket.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        if (new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new IllegalStateException("redis-server did not answer PING within 10 s");
  }
}
