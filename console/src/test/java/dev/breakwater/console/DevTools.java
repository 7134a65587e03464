package dev.breakwater.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.testkit.HeadlessChromium;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's WebSocket: one headless Chromium, one
 * page, commands with replies, and every event recorded (console messages, exceptions, log
 * entries, requests, navigations, dialogs) so tests can assert on what the page really did.
 * Thread-safe.
 */
final class DevTools implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  private DevTools(Process process, WebSocket.Builder builder, URI page) {
    this.process = process;
    this.socket = builder.buildAsync(page, new Listener()).join();
  }

  /** Starts {@code chromium} on a blank page and connects to that page. */
  static DevTools launch(HeadlessChromium chromium) throws IOException, InterruptedException {
    List<String> command = chromium.command(List.of("--remote-debugging-port=0",
        "--remote-debugging-address=127.0.0.1", "about:blank"));
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    CompletableFuture<String> browser = new CompletableFuture<>();
    Thread drain = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = err.readLine()) != null) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            browser.complete(m.group(1));
          }
        }
      } catch (IOException ignored) {
        // chromium exited
      }
      browser.completeExceptionally(new IOException("chromium exited before DevTools listened"));
    }, "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    try {
      URI endpoint = URI.create(browser.get(30, TimeUnit.SECONDS));
      HttpClient http = HttpClient.newHttpClient();
      URI list = URI.create("http://" + endpoint.getAuthority() + "/json/list");
      for (int attempt = 0; attempt < 50; attempt++) {
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(list).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode target : targets) {
          if (target.path("type").asText().equals("page")) {
            return new DevTools(process, http.newWebSocketBuilder(),
                URI.create(target.get("webSocketDebuggerUrl").asText()));
          }
        }
        TimeUnit.MILLISECONDS.sleep(100); // the first page target appears just after startup
      }
      throw new IOException("chromium offered no page target");
    } catch (Exception e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw e instanceof IOException io ? io : new IOException("cannot start DevTools", e);
    }
  }

  /** Sends a command and waits for its result. */
  JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(message), true).join();
    JsonNode answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IllegalStateException(method + " failed: " + answer.get("error"));
    }
    return answer.get("result");
  }

  /** Turns on the domains whose events the tests read. */
  void enableEvents() throws Exception {
    for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
      call(domain + ".enable", Map.of());
    }
  }

  /** Evaluates a JavaScript expression in the page and returns its JSON value. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result = call("Runtime.evaluate",
        Map.of("expression", expression, "returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("page threw: " + result.get("exceptionDetails"));
    }
    return result.get("result").path("value");
  }

  /** Polls {@code condition} until it holds; returns how long that took, or null on timeout. */
  static Duration until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long start = System.nanoTime();
    while (System.nanoTime() - start < timeout.toNanos()) {
      if (condition.getAsBoolean()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return condition.getAsBoolean() ? Duration.ofNanos(System.nanoTime() - start) : null;
  }

  /** Evaluates {@code expression}, treating a page exception as false (for polling). */
  boolean isTrue(String expression) {
    try {
      return evaluate(expression).asBoolean(false);
    } catch (Exception e) {
      return false;
    }
  }

  /** Saves a PNG of the viewport (or, with {@code fullPage}, the whole document). */
  void screenshot(Path file, boolean fullPage) throws Exception {
    Map<String, Object> params = new java.util.HashMap<>(Map.of("format", "png"));
    if (fullPage) {
      JsonNode size = evaluate("[document.documentElement.scrollWidth,"
          + " document.documentElement.scrollHeight]");
      params.put("captureBeyondViewport", true);
      params.put("clip", Map.of("x", 0, "y", 0, "width", size.get(0).asInt(),
          "height", size.get(1).asInt(), "scale", 1));
    }
    byte[] png = Base64.getDecoder().decode(call("Page.captureScreenshot", params)
        .get("data").asText());
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.write(file, png);
  }

  /** Every recorded event with this method name, oldest first. */
  List<JsonNode> events(String method) {
    return events.stream().filter(e -> e.path("method").asText().equals(method))
        .map(e -> e.get("params")).toList();
  }

  /** Console errors, uncaught exceptions and error log entries (CSP violations, failed loads). */
  List<String> errors() {
    List<String> errors = new ArrayList<>();
    events("Runtime.exceptionThrown").forEach(e -> errors.add(e.toString()));
    events("Runtime.consoleAPICalled").stream()
        .filter(e -> e.path("type").asText().matches("error|assert"))
        .forEach(e -> errors.add(e.toString()));
    events("Log.entryAdded").stream()
        .filter(e -> e.path("entry").path("level").asText().equals("error"))
        .forEach(e -> errors.add(e.toString()));
    return errors;
  }

  /** The URL of every request the page made. */
  List<String> requestedUrls() {
    return events("Network.requestWillBeSent").stream()
        .map(e -> e.path("request").path("url").asText()).toList();
  }

  /** Top-frame navigations: one per load, so a reload would show as a second. */
  long navigations() {
    return events("Page.frameNavigated").stream()
        .filter(e -> !e.path("frame").has("parentId")).count();
  }

  void clearEvents() {
    events.clear();
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(2, TimeUnit.SECONDS).join();
    } catch (RuntimeException ignored) {
      // the browser is being stopped anyway
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reassembles messages that arrive in parts, then routes replies and events. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(text.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
              reply.complete(message);
            }
          } else {
            events.add(message);
          }
        } catch (IOException e) {
          throw new IllegalStateException("unreadable DevTools message", e);
        } finally {
          text.setLength(0);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
