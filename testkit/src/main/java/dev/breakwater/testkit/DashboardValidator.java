package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@code DashboardInput} against New Relic's documented limits, naming the offending
 * field in each problem, for example {@code "dashboard.pages[0].widgets[3].layout.width must be
 * 1..12, was 13"}. Stateless and thread-safe.
 */
final class DashboardValidator {
  static final Set<String> PERMISSIONS = Set.of("PRIVATE", "PUBLIC_READ_ONLY",
      "PUBLIC_READ_WRITE");
  static final int MAX_NAME = 255;
  static final int MAX_PAGES = 20;
  static final int MAX_WIDGETS = 100;
  static final int MAX_QUERIES = 20;

  private DashboardValidator() {}

  /** Returns every problem found; empty if the input is valid. */
  static List<String> problems(JsonNode dashboard) {
    List<String> problems = new ArrayList<>();
    if (dashboard == null || !dashboard.isObject()) {
      problems.add("dashboard must be a DashboardInput object");
      return problems;
    }
    text(dashboard.get("name"), "dashboard.name", 1, MAX_NAME, problems);
    JsonNode permissions = dashboard.get("permissions");
    if (permissions == null || !PERMISSIONS.contains(permissions.asText(""))) {
      problems.add("dashboard.permissions must be one of PRIVATE, PUBLIC_READ_ONLY,"
          + " PUBLIC_READ_WRITE, was " + permissions);
    }
    JsonNode pages = dashboard.get("pages");
    if (pages == null || !pages.isArray() || pages.isEmpty() || pages.size() > MAX_PAGES) {
      problems.add("dashboard.pages must be a list of 1.." + MAX_PAGES + " pages, was "
          + (pages == null || !pages.isArray() ? pages : pages.size() + " pages"));
      return problems;
    }
    for (int p = 0; p < pages.size(); p++) {
      page(pages.get(p), "dashboard.pages[" + p + "]", problems);
    }
    return problems;
  }

  private static void page(JsonNode page, String where, List<String> problems) {
    text(page.get("name"), where + ".name", 1, MAX_NAME, problems);
    JsonNode widgets = page.get("widgets");
    if (widgets == null || widgets.isNull()) {
      return;
    }
    if (!widgets.isArray() || widgets.size() > MAX_WIDGETS) {
      problems.add(where + ".widgets must be a list of at most " + MAX_WIDGETS + " widgets");
      return;
    }
    for (int w = 0; w < widgets.size(); w++) {
      widget(widgets.get(w), where + ".widgets[" + w + "]", problems);
    }
  }

  private static void widget(JsonNode widget, String where, List<String> problems) {
    JsonNode title = widget.get("title");
    if (title != null && !title.isNull()) {
      text(title, where + ".title", 0, MAX_NAME, problems);
    }
    String visualization = widget.path("visualization").path("id").asText("");
    if (visualization.isEmpty()) {
      problems.add(where + ".visualization.id must not be empty");
    }
    JsonNode layout = widget.get("layout");
    if (layout != null && !layout.isNull()) {
      range(layout.get("column"), where + ".layout.column", 1, 12, problems);
      range(layout.get("row"), where + ".layout.row", 1, Integer.MAX_VALUE, problems);
      range(layout.get("width"), where + ".layout.width", 1, 12, problems);
      range(layout.get("height"), where + ".layout.height", 1, 12, problems);
    }
    if (visualization.equals("viz.markdown")) {
      return; // markdown widgets carry text, not queries
    }
    JsonNode queries = widget.path("rawConfiguration").get("nrqlQueries");
    if (queries == null || !queries.isArray() || queries.isEmpty()
        || queries.size() > MAX_QUERIES) {
      problems.add(where + ".rawConfiguration.nrqlQueries must be a list of 1.." + MAX_QUERIES
          + " queries");
      return;
    }
    for (int q = 0; q < queries.size(); q++) {
      query(queries.get(q), where + ".rawConfiguration.nrqlQueries[" + q + "]", problems);
    }
  }

  private static void query(JsonNode query, String where, List<String> problems) {
    JsonNode ids = query.get("accountIds");
    boolean validIds = ids != null && ids.isArray() && !ids.isEmpty();
    if (validIds) {
      for (JsonNode id : ids) {
        validIds &= id.isIntegralNumber();
      }
    }
    boolean validId = query.path("accountId").isIntegralNumber();
    if (!validIds && !validId) {
      problems.add(where + " must have accountIds (a list of account ids) or accountId");
    }
    if (query.path("query").asText("").isBlank()) {
      problems.add(where + ".query must not be empty");
    }
  }

  private static void text(JsonNode node, String where, int min, int max, List<String> problems) {
    if (node == null || !node.isTextual()) {
      problems.add(where + " must be a string of " + min + ".." + max + " characters, was "
          + node);
    } else if (node.asText().length() < min || node.asText().length() > max) {
      problems.add(where + " must be " + min + ".." + max + " characters, was "
          + node.asText().length());
    }
  }

  private static void range(JsonNode node, String where, int min, int max,
      List<String> problems) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isIntegralNumber() || node.longValue() < min || node.longValue() > max) {
      problems.add(where + " must be " + (max == Integer.MAX_VALUE ? "at least " + min
          : min + ".." + max) + ", was " + node);
    }
  }
}
