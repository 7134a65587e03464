package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import dev.breakwater.testkit.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The page in headless Chromium, against the console's real server on 127.0.0.1. Screenshots
 * are kept in {@code target/} as test artifacts.
 */
class ConsolePageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ARTIFACTS = Path.of("target", "chromium");
  private static final Duration FAST = Duration.ofMillis(100);
  private static final String TOKEN = "page-test-token-0123456789";

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void thePageShowsEveryBreakerWorstFirstFollowsChangesLiveAndFetchesNothingElse()
      throws Exception {
    HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
    Fleet fleet = keep(new Fleet().startTraffic());
    BreakwaterConsole console = keep(BreakwaterConsole.builder(fleet.registry)
        .samplingInterval(FAST).start());
    DevTools page = keep(DevTools.launch(chromium));
    open(page, console);

    assertThat(DevTools.until(Duration.ofSeconds(10), () -> page.isTrue(
        "document.querySelectorAll('.tile').length === 50"
            + " && document.getElementById('status').dataset.status === 'live'")))
        .as("50 tiles and a live stream").isNotNull();
    List<String> order = tileNames(page);
    assertThat(order.subList(0, 4)).containsExactly("payments", "search", "ledger", "inventory");
    assertThat(stateOf(page, "payments")).isEqualTo("OPEN");
    assertThat(stateOf(page, "search")).isEqualTo("HALF_OPEN");
    assertThat(stateOf(page, "legacy")).isEqualTo("DISABLED");

    assertThat(page.evaluate(tile(Fleet.ODD_NAME) + ".querySelector('.name').textContent")
        .asText()).isEqualTo(Fleet.ODD_NAME);
    assertThat(page.evaluate("document.scripts.length").asInt())
        .as("the data block and the page's script, nothing injected").isEqualTo(2);

    long changedAt = System.nanoTime();
    fleet.breaker("svc-07").forceOpen();
    assertThat(DevTools.until(Duration.ofSeconds(2),
        () -> page.isTrue(tile("svc-07") + ".dataset.state === 'FORCED_OPEN'")))
        .as("the forced change on the page within two seconds").isNotNull();
    assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).isLessThan(Duration.ofSeconds(2));
    assertThat(tileNames(page).indexOf("svc-07")).as("moved up among the worst").isEqualTo(3);
    assertThat(page.evaluate(tile("svc-07") + ".querySelector('.transitions li').textContent")
        .asText()).contains("closed", "forced open", "forceOpen()");

    fleet.registry.breaker("zz-late");
    fleet.registry.remove("svc-08");
    assertThat(DevTools.until(Duration.ofSeconds(3), () -> {
      List<String> names = tileNames(page);
      return names.contains("zz-late") && !names.contains("svc-08");
    })).as("a new breaker appears and a removed one goes").isNotNull();
    assertThat(page.navigations()).as("without a reload").isEqualTo(1);

    page.screenshot(ARTIFACTS.resolve("console-50-breakers.png"), false);
    page.screenshot(ARTIFACTS.resolve("console-50-breakers-full.png"), true);
    assertThat(Files.size(ARTIFACTS.resolve("console-50-breakers.png"))).isGreaterThan(10_000);

    assertThat(page.errors()).as("console errors, exceptions, CSP violations").isEmpty();
    assertThat(page.events("Page.javascriptDialogOpening")).isEmpty();
    assertThat(page.requestedUrls()).as("every request went to the console itself")
        .isNotEmpty()
        .allSatisfy(url -> assertThat(url).startsWith(console.uri().toString()))
        .contains(console.uri().toString(), console.uri().resolve("api/stream").toString());
  }

  @Test
  void aOneShotRenderShowsTheTilesWithoutWaitingForTheStream() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
    Fleet fleet = keep(new Fleet());
    BreakwaterConsole console = keep(BreakwaterConsole.builder(fleet.registry).start());

    HeadlessChromium.Rendering rendering =
        chromium.render(console.uri(), ARTIFACTS.resolve("console-one-shot.png").toAbsolutePath(),
            1440, 900);

    assertThat(rendering.exitCode()).as(rendering.log()).isZero();
    assertThat(Pattern.compile("<article class=\"tile\"").matcher(rendering.dom()).results().count())
        .isEqualTo(Fleet.SIZE);
    assertThat(rendering.dom()).doesNotContain("<script>alert");
    assertThat(rendering.consoleErrors()).isEmpty();
  }

  @Test
  void thePageReconnectsByItselfAfterTheApplicationRestarts() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
    CircuitBreakerRegistry before = CircuitBreakerRegistry.create();
    before.breaker("before-restart");
    BreakwaterConsole first = BreakwaterConsole.builder(before).samplingInterval(FAST).start();
    int port = first.uri().getPort();
    DevTools page = keep(DevTools.launch(chromium));
    try {
      open(page, first);
      assertThat(DevTools.until(Duration.ofSeconds(10), () -> tileNames(page)
          .equals(List.of("before-restart")) && isLive(page))).isNotNull();
    } finally {
      first.close();
    }
    assertThat(DevTools.until(Duration.ofSeconds(10), () -> !isLive(page)))
        .as("the page notices").isNotNull();

    CircuitBreakerRegistry after = CircuitBreakerRegistry.create();
    after.breaker("after-restart");
    BreakwaterConsole second = keep(BreakwaterConsole.builder(after).port(port)
        .samplingInterval(FAST).start());

    assertThat(DevTools.until(Duration.ofSeconds(20), () -> tileNames(page)
        .equals(List.of("after-restart")) && isLive(page)))
        .as("the page shows the restarted application's breakers").isNotNull();
    assertThat(page.navigations()).as("without a reload").isEqualTo(1);
    assertThat(second.uri().getPort()).isEqualTo(port);
  }

  @Test
  void thePagesControlsWorkOnlyWithTheToken() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
    registry.breaker("payments");
    BreakwaterConsole console = keep(BreakwaterConsole.builder(registry).enableControl(TOKEN)
        .samplingInterval(FAST).start());
    DevTools page = keep(DevTools.launch(chromium));
    open(page, console);
    assertThat(DevTools.until(Duration.ofSeconds(10),
        () -> page.isTrue("!document.getElementById('token').hidden"))).isNotNull();

    typeToken(page, "wrong-token-0123456789");
    click(page, "payments", "FORCED_OPEN");
    assertThat(DevTools.until(Duration.ofSeconds(5), () -> page.isTrue(
        "document.getElementById('notice').textContent.startsWith('Refused')"))).isNotNull();
    assertThat(registry.find("payments").orElseThrow().state()).isEqualTo(CircuitState.CLOSED);

    typeToken(page, TOKEN);
    click(page, "payments", "FORCED_OPEN");
    assertThat(DevTools.until(Duration.ofSeconds(5), () -> registry.find("payments")
        .orElseThrow().state() == CircuitState.FORCED_OPEN))
        .as("the page's own POST passes the origin and token checks").isNotNull();
    assertThat(DevTools.until(Duration.ofSeconds(2),
        () -> page.isTrue(tile("payments") + ".dataset.state === 'FORCED_OPEN'"))).isNotNull();
    assertThat(page.evaluate("document.documentElement.outerHTML").asText()).doesNotContain(TOKEN);
  }

  private static void open(DevTools page, BreakwaterConsole console) throws Exception {
    page.enableEvents();
    page.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1440, "height", 900,
        "deviceScaleFactor", 1, "mobile", false));
    page.call("Page.navigate", Map.of("url", console.uri().toString()));
  }

  private static boolean isLive(DevTools page) {
    return page.isTrue("document.getElementById('status').dataset.status === 'live'");
  }

  private static List<String> tileNames(DevTools page) {
    try {
      JsonNode names = page.evaluate(
          "Array.from(document.querySelectorAll('.tile')).map(t => t.dataset.name)");
      List<String> list = new ArrayList<>();
      names.forEach(n -> list.add(n.asText()));
      return list;
    } catch (Exception e) {
      return List.of();
    }
  }

  private static String stateOf(DevTools page, String name) throws Exception {
    return page.evaluate(tile(name) + ".dataset.state").asText();
  }

  /** A JavaScript expression for the tile of {@code name} (the name as a JSON string literal). */
  private static String tile(String name) {
    try {
      return "Array.from(document.querySelectorAll('.tile')).find(t => t.dataset.name === "
          + JSON.writeValueAsString(name) + ")";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void typeToken(DevTools page, String token) throws Exception {
    page.evaluate("(() => { const input = document.getElementById('token'); input.value = "
        + JSON.writeValueAsString(token) + "; input.dispatchEvent(new Event('input'));"
        + " document.getElementById('notice').textContent = ''; })()");
  }

  private static void click(DevTools page, String name, String state) throws Exception {
    page.evaluate("(() => { const tile = " + tile(name) + "; const index = "
        + "['FORCED_OPEN', 'DISABLED', 'CLOSED'].indexOf('" + state + "');"
        + " tile.querySelectorAll('.actions button')[index].click(); })()");
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }
}
