package dev.breakwater.newrelic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates a dashboard in a New Relic account through NerdGraph, or updates it if the account
 * already has a dashboard of that name, so running it twice never makes a duplicate. Typed
 * mutation {@code errors} (such as INVALID_INPUT) fail with their descriptions.
 *
 * <pre>{@code
 * DashboardProvisioner.create(nerdGraph, DashboardDefinition.circuitBreakerHealth())
 *     .provision(1234567);
 * }</pre>
 *
 * <p>The search for an existing dashboard goes through {@code entitySearch}, an index New Relic
 * updates with a short delay: provisioning twice within moments, or again after a
 * {@code dashboardCreate} whose answer was lost, can still make a second dashboard. Keep the guid
 * a provisioning returns and call {@link #update(String, long)} to update that dashboard without
 * searching.
 *
 * <p>Thread-safe, but two concurrent provisions of one name may both create.
 */
public final class DashboardProvisioner {
  /** The NerdGraph mutation that creates a dashboard. */
  static final String CREATE_MUTATION = "mutation($accountId: Int!, $dashboard: DashboardInput!) {"
      + " dashboardCreate(accountId: $accountId, dashboard: $dashboard) {"
      + " entityResult { guid name accountId } errors { description type } } }";
  /** The NerdGraph mutation that replaces a dashboard. */
  static final String UPDATE_MUTATION = "mutation($guid: EntityGuid!, $dashboard: DashboardInput!) {"
      + " dashboardUpdate(guid: $guid, dashboard: $dashboard) {"
      + " entityResult { guid name } errors { description type } } }";
  static final String SEARCH_QUERY = "query($query: String!, $cursor: String) { actor {"
      + " entitySearch(query: $query) { results(cursor: $cursor) { nextCursor entities {"
      + " guid name accountId ... on DashboardEntityOutline { dashboardParentGuid } } } } } }";
  private static final int MAX_SEARCH_PAGES = 25;
  private static final System.Logger LOG = System.getLogger("dev.breakwater.newrelic.DashboardProvisioner");

  private final NerdGraphClient nerdGraph;
  private final DashboardDefinition definition;

  private DashboardProvisioner(NerdGraphClient nerdGraph, DashboardDefinition definition) {
    this.nerdGraph = nerdGraph;
    this.definition = definition;
  }

  /**
   * Creates a provisioner of {@code definition}.
   *
   * @param nerdGraph the client that sends the mutations
   * @param definition the dashboard to provision
   * @return a new provisioner
   * @throws NullPointerException if an argument is null
   */
  public static DashboardProvisioner create(NerdGraphClient nerdGraph, DashboardDefinition definition) {
    return new DashboardProvisioner(Objects.requireNonNull(nerdGraph, "nerdGraph"),
        Objects.requireNonNull(definition, "definition"));
  }

  /** What {@link #provision} did. */
  public enum Action {
    /** No dashboard of that name existed, so one was created. */
    CREATED,
    /** A dashboard of that name existed and was updated. */
    UPDATED
  }

  /**
   * The outcome of a provisioning.
   *
   * @param guid the dashboard's entity guid
   * @param name the dashboard's name
   * @param action whether it was created or updated
   */
  public record Result(String guid, String name, Action action) {}

  /**
   * Creates the dashboard in {@code accountId}, or updates the one of the same name there.
   *
   * @param accountId the account the dashboard lives in
   * @return the dashboard's guid and name, and what was done
   * @throws DashboardProvisioningException if NerdGraph returned typed errors
   * @throws NerdGraphException if a request failed
   * @throws dev.breakwater.CallNotPermittedException if the NerdGraph circuit is open
   * @throws IllegalArgumentException if the definition breaks a documented limit
   */
  public Result provision(long accountId) {
    ObjectNode input = definition.toDashboardInput(accountId);
    List<String> existing = findByName(accountId, definition.name());
    if (existing.size() > 1) {
      LOG.log(Level.WARNING, "account {0} has {1} dashboards named ''{2}''; updating {3}",
          accountId, existing.size(), definition.name(), existing.get(0));
    }
    if (existing.isEmpty()) {
      JsonNode result = nerdGraph.query(CREATE_MUTATION, Map.of("accountId", accountId, "dashboard", input))
          .path("dashboardCreate");
      return result(result, Action.CREATED);
    }
    JsonNode result = nerdGraph.query(UPDATE_MUTATION, Map.of("guid", existing.get(0), "dashboard", input))
        .path("dashboardUpdate");
    return result(result, Action.UPDATED);
  }

  /**
   * Replaces the dashboard with this guid by the definition, without searching for it.
   *
   * @param guid the dashboard's entity guid, as a provisioning returned it
   * @param accountId the account whose id the widgets' queries should carry
   * @return the dashboard's guid and name, with {@link Action#UPDATED}
   * @throws DashboardProvisioningException if NerdGraph returned typed errors (e.g. an unknown guid)
   * @throws NerdGraphException if the request failed
   * @throws dev.breakwater.CallNotPermittedException if the NerdGraph circuit is open
   * @throws IllegalArgumentException if the definition breaks a documented limit
   */
  public Result update(String guid, long accountId) {
    Objects.requireNonNull(guid, "guid");
    ObjectNode input = definition.toDashboardInput(accountId);
    JsonNode result = nerdGraph.query(UPDATE_MUTATION, Map.of("guid", guid, "dashboard", input))
        .path("dashboardUpdate");
    return result(result, Action.UPDATED);
  }

  /**
   * The create mutation and its variables, as {@code provision} would send them for a new
   * dashboard; for dry runs. Sends nothing.
   *
   * @param definition the dashboard to create
   * @param accountId the account to create it in
   * @return a map with the mutation text under {@code query} and its {@code variables}
   */
  public static Map<String, Object> createRequest(DashboardDefinition definition, long accountId) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("query", CREATE_MUTATION);
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("accountId", accountId);
    variables.put("dashboard", definition.toDashboardInput(accountId));
    request.put("variables", variables);
    return request;
  }

  private Result result(JsonNode result, Action action) {
    List<DashboardProvisioningException.Error> errors = new ArrayList<>();
    for (JsonNode e : result.path("errors")) {
      errors.add(new DashboardProvisioningException.Error(e.path("type").asText(""),
          e.path("description").asText("")));
    }
    if (!errors.isEmpty()) {
      throw new DashboardProvisioningException(action == Action.CREATED ? "dashboardCreate" : "dashboardUpdate",
          errors);
    }
    JsonNode entity = result.path("entityResult");
    if (!entity.hasNonNull("guid")) {
      throw new NerdGraphException("NerdGraph returned neither a dashboard nor errors", 200, false,
          List.of(), result, null);
    }
    return new Result(entity.path("guid").asText(), entity.path("name").asText(), action);
  }

  /** Guids of the account's dashboards with exactly this name (pages excluded), oldest search hit first. */
  List<String> findByName(long accountId, String name) {
    String query = "type = 'DASHBOARD' AND name = '" + name.replace("\\", "\\\\").replace("'", "\\'")
        + "' AND accountId = " + accountId;
    List<String> guids = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_SEARCH_PAGES; page++) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("query", query);
      variables.put("cursor", cursor);
      JsonNode results = nerdGraph.query(SEARCH_QUERY, variables)
          .path("actor").path("entitySearch").path("results");
      for (JsonNode e : results.path("entities")) {
        boolean isPage = e.hasNonNull("dashboardParentGuid");
        if (!isPage && name.equals(e.path("name").asText()) && e.path("accountId").asLong() == accountId) {
          guids.add(e.path("guid").asText());
        }
      }
      JsonNode next = results.path("nextCursor");
      if (!next.isTextual() || next.asText().isEmpty()) {
        break;
      }
      cursor = next.asText();
    }
    return guids;
  }

  @Override
  public String toString() {
    return "DashboardProvisioner{" + definition.name() + "}";
  }
}
