package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import dev.breakwater.redis.RedisFleet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code breakwater fleet ...} against a real redis-server and a running fleet instance. */
class FleetCommandTest {
  private static Path dir;
  private static int port;
  private static Process redis;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private CircuitBreakerRegistry registry;
  private CircuitBreaker payments;
  private RedisFleet instance;

  @BeforeAll
  static void startRedis() throws Exception {
    dir = Files.createTempDirectory("breakwater-cli-redis");
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    redis = new ProcessBuilder(List.of(System.getProperty("breakwater.redisServer", "redis-server"),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--dir", dir.toString(), "--daemonize", "no", "--loglevel", "warning"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    await("redis-server answers PING", () -> ping());
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.destroy();
    if (!redis.waitFor(5, TimeUnit.SECONDS)) {
      redis.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(dir.resolve("redis.log"));
    Files.deleteIfExists(dir);
  }

  @BeforeEach
  void startInstance() {
    registry = CircuitBreakerRegistry.create();
    payments = registry.breaker("payments");
    instance = RedisFleet.builder(registry, uri()).fleet("cli").instanceId("web-1").build();
  }

  @AfterEach
  void closeInstance() {
    instance.close();
  }

  private static java.net.URI uri() {
    return java.net.URI.create("redis://127.0.0.1:" + port);
  }

  private int fleet(String... args) {
    CommandLine command = new CommandLine(new FleetCommand());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  private int onTheFleet(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--redis";
    all[args.length + 1] = uri().toString();
    all[args.length + 2] = "--fleet";
    all[args.length + 3] = "cli";
    return fleet(all);
  }

  @Test
  void forceOpenReachesTheInstanceAndStatusShowsItAndTheOverride() throws Exception {
    int code = onTheFleet("force-open", "payments", "--ttl", "30s", "--reason", "PSP outage INC-9", "--by", "ops");

    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(out.toString()).isEqualTo(String.format(
        "Fleet 'cli': 'payments' is FORCED_OPEN on every instance for 30 s (reason: PSP outage INC-9)%n"));
    await("the instance applies it", () -> payments.state() == CircuitState.FORCED_OPEN);
    await("the instance reports it", () -> instance.status().instances().get(0).breakers().get(0).state()
        == CircuitState.FORCED_OPEN);

    out.getBuffer().setLength(0);
    assertThat(onTheFleet("status")).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("Fleet 'cli' on 127.0.0.1:" + port + ": 1 instance, 1 override");
    assertThat(lines).contains("OVERRIDES", "BREAKERS");
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("payments +FORCED_OPEN +(30|29) s +ops +PSP outage INC-9"));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("payments +web-1 +FORCED_OPEN +fleet +0 +0 +0\\.0% +.* ago"));

    out.getBuffer().setLength(0);
    assertThat(onTheFleet("status", "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("fleet").asText()).isEqualTo("cli");
    assertThat(json.at("/instances/0/instanceId").asText()).isEqualTo("web-1");
    assertThat(json.at("/instances/0/breakers/0/state").asText()).isEqualTo("FORCED_OPEN");
    assertThat(json.at("/overrides/0/mode").asText()).isEqualTo("FORCED_OPEN");
    assertThat(json.at("/overrides/0/issuedBy").asText()).isEqualTo("ops");
  }

  @Test
  void disableThenClearReturnsTheInstanceToClosed() {
    assertThat(onTheFleet("disable", "payments", "--ttl", "5m")).isZero();
    await("DISABLED", () -> payments.state() == CircuitState.DISABLED);

    assertThat(onTheFleet("clear", "payments")).isZero();
    await("CLOSED", () -> payments.state() == CircuitState.CLOSED);
    assertThat(onTheFleet("clear", "payments")).isZero();

    assertThat(out.toString()).contains("Fleet 'cli': cleared the override of 'payments'",
        "Fleet 'cli': 'payments' had no override");
  }

  @Test
  void anOverrideWithoutTtlLastsTenMinutes() {
    assertThat(onTheFleet("force-open", "payments")).isZero();

    assertThat(out.toString()).contains("for 10 min (reason: set with the breakwater CLI)");
    assertThat(instance.status().overrides().get(0).remaining()).isGreaterThan(Duration.ofMinutes(9));
    onTheFleet("clear", "payments");
  }

  @Test
  void badInputIsExitCodeTwoAndReachesNoRedis() {
    assertThat(onTheFleet("force-open", "payments", "--ttl", "0s")).isEqualTo(2);
    assertThat(err.toString()).contains("'0s' is out of range: use 1ms to 30 days");
    assertThat(onTheFleet("disable", "payments", "--ttl", "soon")).isEqualTo(2);
    assertThat(fleet("status")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--redis=URI'");
    assertThat(fleet("status", "--redis", "http://127.0.0.1:" + port)).isEqualTo(2);
    assertThat(err.toString()).contains("redis must be a redis:// or rediss:// URI with a host");
    assertThat(fleet()).isEqualTo(2);
    assertThat(payments.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void anUnreachableRedisIsOneLineAndExitCodeOne() {
    int code = fleet("status", "--redis", "redis://127.0.0.1:1", "--fleet", "cli");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines().toList()).singleElement()
        .satisfies(l -> assertThat(l).startsWith("breakwater: could not read the status of fleet 'cli': Redis at 127.0.0.1:1 failed"));
  }

  private static boolean ping() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      socket.setSoTimeout(1_000);
      OutputStream o = socket.getOutputStream();
      o.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[5];
      return in.readNBytes(reply, 0, 5) == 5 && new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within 5 s: " + what);
      }
      LockSupport.parkNanos(10_000_000);
    }
  }
}
