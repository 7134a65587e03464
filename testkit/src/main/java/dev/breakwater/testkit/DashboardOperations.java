package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * NerdGraph's {@code dashboardCreate}, {@code dashboardUpdate} and {@code entitySearch}, answered
 * with the fields Breakwater selects whatever the selection set says. Thread-safe.
 */
final class DashboardOperations {
  private final long accountId;
  private final Dashboards dashboards;

  DashboardOperations(long accountId, Dashboards dashboards) {
    this.accountId = accountId;
    this.dashboards = dashboards;
  }

  ObjectNode create(JsonNode variables) {
    List<String> path = List.of("dashboardCreate");
    Optional<Long> account = GraphQl.longVariable(variables, "accountId");
    if (account.isEmpty()) {
      return GraphQl.missingVariable("accountId", "Int!", path);
    }
    if (account.get() != accountId) {
      return GraphQl.errorBody(Optional.of(GraphQl.nest(path, NullNode.getInstance())),
          "Account " + account.get() + " is not accessible with this API key", GraphQl.FORBIDDEN,
          path);
    }
    JsonNode input = variables.get("dashboard");
    List<String> problems = DashboardValidator.problems(input);
    if (!problems.isEmpty()) {
      return result(path, NullNode.getInstance(), problems);
    }
    StoredDashboard created = dashboards.create(accountId, input);
    return result(path, Json.object().put("guid", created.guid()).put("name", created.name())
        .put("accountId", created.accountId()), List.of());
  }

  ObjectNode update(JsonNode variables) {
    List<String> path = List.of("dashboardUpdate");
    Optional<String> guid = GraphQl.stringVariable(variables, "guid");
    if (guid.isEmpty()) {
      return GraphQl.missingVariable("guid", "EntityGuid!", path);
    }
    JsonNode input = variables.get("dashboard");
    List<String> problems = DashboardValidator.problems(input);
    if (!problems.isEmpty()) {
      return result(path, NullNode.getInstance(), problems);
    }
    Optional<StoredDashboard> updated = dashboards.update(guid.get(), input);
    if (updated.isEmpty()) {
      return result(path, NullNode.getInstance(),
          List.of("dashboard " + guid.get() + " not found"));
    }
    return result(path, Json.object().put("guid", updated.get().guid())
        .put("name", updated.get().name()), List.of());
  }

  ObjectNode search(JsonNode variables) {
    List<String> path = List.of("actor", "entitySearch");
    Optional<String> text = GraphQl.stringVariable(variables, "query");
    if (text.isEmpty()) {
      return GraphQl.missingVariable("query", "String", path);
    }
    EntitySearchQuery query;
    try {
      query = EntitySearchQuery.parse(text.get());
    } catch (BadRequest e) {
      return GraphQl.errorBody(Optional.empty(), e.getMessage(), GraphQl.VALIDATION_ERROR, path);
    }
    List<Dashboards.Entity> found = dashboards.search(query.name(), query.accountId());
    ObjectNode search = Json.object().put("count", found.size()).put("query", text.get());
    ObjectNode results = search.putObject("results").putNull("nextCursor");
    ArrayNode entities = results.putArray("entities");
    for (Dashboards.Entity e : found) {
      entities.addObject().put("guid", e.guid()).put("name", e.name())
          .put("accountId", e.accountId()).put("dashboardParentGuid", e.parentGuid())
          .put("permissions", e.permissions());
    }
    return GraphQl.data(path, search);
  }

  /** {@code {"data":{op:{"entityResult":...,"errors":[{"description","type"}]}}}}. */
  private static ObjectNode result(List<String> path, JsonNode entityResult,
      List<String> problems) {
    ObjectNode payload = Json.object();
    payload.set("entityResult", entityResult);
    ArrayNode errors = payload.putArray("errors");
    problems.forEach(p -> errors.addObject().put("description", p)
        .put("type", GraphQl.INVALID_INPUT));
    return GraphQl.data(path, payload);
  }
}
