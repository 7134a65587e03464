package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboards the fake stores, and the entities entity search finds for them: the dashboard,
 * plus one entity per page when it has more than one page, as New Relic indexes them.
 * Thread-safe.
 */
final class Dashboards {

  /**
   * An entity search result.
   *
   * @param parentGuid the dashboard's guid for a page entity, null for the dashboard itself
   */
  record Entity(String guid, String name, long accountId, String parentGuid, String permissions) {}

  private final Map<String, Entry> byGuid = new LinkedHashMap<>();
  private long lastId;

  /** Stores a validated dashboard under a new guid. */
  synchronized StoredDashboard create(long accountId, JsonNode input) {
    String guid = newGuid(accountId);
    StoredDashboard dashboard = new StoredDashboard(guid, accountId, input.path("name").asText(),
        input);
    byGuid.put(guid, new Entry(dashboard, pages(dashboard)));
    return dashboard;
  }

  /** Replaces a stored dashboard, keeping its guid; empty if the guid is unknown. */
  synchronized Optional<StoredDashboard> update(String guid, JsonNode input) {
    Entry old = byGuid.get(guid);
    if (old == null) {
      return Optional.empty();
    }
    StoredDashboard dashboard = new StoredDashboard(guid, old.dashboard.accountId(),
        input.path("name").asText(), input);
    byGuid.put(guid, new Entry(dashboard, pages(dashboard)));
    return Optional.of(dashboard);
  }

  synchronized List<StoredDashboard> all() {
    return byGuid.values().stream().map(e -> e.dashboard).toList();
  }

  /** Returns the dashboard and page entities whose name and account match; null matches all. */
  synchronized List<Entity> search(String name, Long accountId) {
    List<Entity> found = new ArrayList<>();
    for (Entry entry : byGuid.values()) {
      StoredDashboard d = entry.dashboard;
      if (accountId != null && d.accountId() != accountId) {
        continue;
      }
      List<Entity> candidates = new ArrayList<>();
      candidates.add(new Entity(d.guid(), d.name(), d.accountId(), null, permissions(d)));
      candidates.addAll(entry.pages);
      candidates.stream().filter(e -> name == null || e.name().equals(name)).forEach(found::add);
    }
    return found;
  }

  synchronized void clear() {
    byGuid.clear();
  }

  private List<Entity> pages(StoredDashboard d) {
    JsonNode pages = d.input().path("pages");
    List<Entity> entities = new ArrayList<>();
    if (pages.size() > 1) {
      for (JsonNode page : pages) {
        String name = d.name() + " / " + page.path("name").asText();
        entities.add(new Entity(newGuid(d.accountId()), name, d.accountId(), d.guid(),
            permissions(d)));
      }
    }
    return List.copyOf(entities);
  }

  private String newGuid(long accountId) {
    String id = accountId + "|VIZ|DASHBOARD|" + ++lastId;
    return Base64.getEncoder().withoutPadding()
        .encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  private static String permissions(StoredDashboard d) {
    return d.input().path("permissions").asText();
  }

  /** A stored dashboard and its page entities. */
  private record Entry(StoredDashboard dashboard, List<Entity> pages) {}
}
