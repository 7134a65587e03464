package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo --console}: the console is served during the demo, its URL printed first. */
class DemoConsoleTest {
  private static final Pattern URL = Pattern.compile("Breakwater console: (http://127\\.0\\.0\\.1:\\d+/)");

  @Test
  void theConsoleShowsTheDemosBreakersWhileTheDemoRuns(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    DemoRun.Options options = new DemoRun.Options(Duration.ofSeconds(6), 100, 7, Scenario.bundled(),
        dir.resolve("report.html"), null, false, 0);
    CompletableFuture<DemoResult> running = CompletableFuture.supplyAsync(() -> {
      try {
        return new DemoRun(options, new PrintWriter(out, true)).run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    HttpClient http = HttpClient.newHttpClient();
    String breakers = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!breakers.contains("\"event-api\"") && System.nanoTime() - deadline < 0 && !running.isDone()) {
      Matcher url = URL.matcher(out.toString());
      if (url.find()) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "api/breakers"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        breakers = r.body();
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // a real server: poll gently
    }
    assertThat(breakers).as("the console listed the demo's breakers").contains("\"event-api\"");
    assertThat(running.get().nothingLost()).isTrue();
    assertThat(out.toString()).contains("Breakwater console: http://127.0.0.1:");
  }
}
