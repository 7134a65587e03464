package dev.breakwater.newrelic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;

/**
 * A dashboard in the design guide's compact form: a name and pages of widgets, each a title and an
 * NRQL query, optionally with a {@code visualization} id and a {@code layout}. It turns itself into
 * NerdGraph's {@code DashboardInput} for an account, checked against New Relic's documented limits.
 * Widgets without a visualization get {@code viz.line} for TIMESERIES queries, {@code viz.table}
 * for FACET queries and {@code viz.billboard} otherwise; widgets without a layout are placed three
 * to a row.
 *
 * <p>Immutable and thread-safe.
 */
public final class DashboardDefinition {
  static final int MAX_PAGES = 20;
  static final int MAX_WIDGETS_PER_PAGE = 100;
  static final int MAX_NAME = 255;
  static final int MAX_DESCRIPTION = 1024;
  private static final ObjectMapper JSON = NerdGraphClient.JSON;
  private static final String BUNDLED = "circuit-breaker-health.json";

  private final JsonNode definition;

  private DashboardDefinition(JsonNode definition) {
    this.definition = definition.deepCopy();
  }

  /**
   * The "Circuit Breaker Health" dashboard that ships with Breakwater.
   *
   * @return the bundled definition
   */
  public static DashboardDefinition circuitBreakerHealth() {
    try (InputStream in = DashboardDefinition.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED + " is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a definition from JSON.
   *
   * @param json the definition as JSON text
   * @return the definition
   * @throws IllegalArgumentException if the text is not JSON or not a valid definition
   */
  public static DashboardDefinition parse(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("dashboard definition is not valid JSON: "
          + e.getMessage(), e);
    }
    DashboardDefinition d = new DashboardDefinition(node);
    d.toDashboardInput(1); // validate once, with a placeholder account
    return d;
  }

  /**
   * The dashboard's name.
   *
   * @return the dashboard's name
   */
  public String name() {
    return definition.path("name").asText();
  }

  /**
   * Builds NerdGraph's {@code DashboardInput} with every query pointed at {@code accountId}.
   *
   * @param accountId the account every query runs in; positive
   * @return a new {@code DashboardInput} object
   * @throws IllegalArgumentException naming the page, widget and field that break a documented limit
   */
  public ObjectNode toDashboardInput(long accountId) {
    if (accountId <= 0) {
      throw new IllegalArgumentException("accountId must be a positive integer, was " + accountId);
    }
    ObjectNode input = JSON.createObjectNode();
    String name = text(definition, "name", "dashboard");
    require(name.length() <= MAX_NAME, "dashboard name is longer than " + MAX_NAME + " characters");
    input.put("name", name);
    String description = definition.path("description").asText("");
    require(description.length() <= MAX_DESCRIPTION,
        "dashboard description is longer than " + MAX_DESCRIPTION + " characters");
    if (!description.isEmpty()) {
      input.put("description", description);
    }
    input.put("permissions", definition.path("permissions").asText("PUBLIC_READ_WRITE"));
    JsonNode pages = definition.path("pages");
    require(pages.isArray() && pages.size() >= 1 && pages.size() <= MAX_PAGES,
        "a dashboard needs 1 to " + MAX_PAGES + " pages, had " + (pages.isArray() ? pages.size() : 0));
    ArrayNode pagesOut = input.putArray("pages");
    for (JsonNode page : pages) {
      pagesOut.add(page(page, accountId));
    }
    return input;
  }

  private static ObjectNode page(JsonNode page, long accountId) {
    String name = text(page, "name", "page");
    require(name.length() <= MAX_NAME, "page '" + name + "': name is longer than " + MAX_NAME);
    JsonNode widgets = page.path("widgets");
    require(widgets.isArray() && widgets.size() <= MAX_WIDGETS_PER_PAGE,
        "page '" + name + "': widgets must be a list of at most " + MAX_WIDGETS_PER_PAGE);
    ObjectNode out = JSON.createObjectNode();
    out.put("name", name);
    ArrayNode widgetsOut = out.putArray("widgets");
    int index = 0;
    for (JsonNode widget : widgets) {
      widgetsOut.add(widget(widget, "page '" + name + "', widget " + (index + 1), index, accountId));
      index++;
    }
    return out;
  }

  private static ObjectNode widget(JsonNode w, String where, int index, long accountId) {
    String title = text(w, "title", where);
    String at = where + " ('" + title + "')";
    require(title.length() <= MAX_NAME, at + ": title is longer than " + MAX_NAME);
    String query = text(w, "query", at);
    String viz = w.path("visualization").asText(defaultVisualization(query));
    require(!viz.isBlank(), at + ": visualization must not be blank");
    JsonNode layout = w.path("layout");
    int column = layout.path("column").asInt(1 + (index % 3) * 4);
    int row = layout.path("row").asInt(1 + (index / 3) * 3);
    int width = layout.path("width").asInt(4);
    int height = layout.path("height").asInt(3);
    require(column >= 1 && column <= 12, at + ": layout column must be in 1..12, was " + column);
    require(width >= 1 && width <= 12, at + ": layout width must be in 1..12, was " + width);
    require(column + width - 1 <= 12, at + ": layout column + width - 1 must be <= 12, was "
        + (column + width - 1));
    require(row >= 1, at + ": layout row must be >= 1, was " + row);
    require(height >= 1 && height <= 12, at + ": layout height must be in 1..12, was " + height);

    ObjectNode out = JSON.createObjectNode();
    out.put("title", title);
    out.putObject("visualization").put("id", viz);
    ObjectNode l = out.putObject("layout");
    l.put("column", column).put("row", row).put("width", width).put("height", height);
    ObjectNode raw = out.putObject("rawConfiguration");
    ObjectNode nrql = raw.putArray("nrqlQueries").addObject();
    nrql.putArray("accountIds").add(accountId);
    nrql.put("query", query);
    return out;
  }

  private static String defaultVisualization(String query) {
    String q = query.toUpperCase(Locale.ROOT);
    return q.contains("TIMESERIES") ? "viz.line" : q.contains("FACET") ? "viz.table" : "viz.billboard";
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.path(field);
    require(v.isTextual() && !v.asText().isBlank(), where + ": " + field + " must be a non-blank string");
    return v.asText();
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }

  @Override
  public String toString() {
    return "DashboardDefinition{name=" + name() + ", pages=" + definition.path("pages").size() + "}";
  }
}
