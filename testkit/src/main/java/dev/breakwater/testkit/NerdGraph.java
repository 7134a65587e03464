package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * NerdGraph: {@code POST /graphql} with the user key in {@code API-Key}. The operation is
 * recognised from the query text, not parsed (see {@link FakeNewRelic} for the shapes).
 * Thread-safe.
 */
final class NerdGraph implements ApiHandler {
  static final String PATH = "/graphql";

  /** The operations the fake answers, in the order they are looked for in the query text. */
  enum Operation {
    DASHBOARD_CREATE("dashboardCreate", List.of("dashboardCreate")),
    DASHBOARD_UPDATE("dashboardUpdate", List.of("dashboardUpdate")),
    ALERTS_POLICY_CREATE("alertsPolicyCreate", AlertOperations.POLICY_CREATE),
    ALERTS_POLICY_UPDATE("alertsPolicyUpdate", AlertOperations.POLICY_UPDATE),
    ALERTS_CONDITION_CREATE("alertsNrqlConditionStaticCreate", AlertOperations.CONDITION_CREATE),
    ALERTS_CONDITION_UPDATE("alertsNrqlConditionStaticUpdate", AlertOperations.CONDITION_UPDATE),
    ALERTS_POLICIES_SEARCH("policiesSearch", AlertOperations.POLICIES_SEARCH),
    ALERTS_CONDITIONS_SEARCH("nrqlConditionsSearch", AlertOperations.CONDITIONS_SEARCH),
    ENTITY_SEARCH("entitySearch", List.of("actor", "entitySearch")),
    NRQL("nrql", List.of("actor", "account", "nrql")),
    UNSUPPORTED(null, List.of());

    private final Pattern call;
    final List<String> path;

    Operation(String field, List<String> path) {
      this.call = field == null ? null : Pattern.compile("\\b" + field + "\\s*\\(");
      this.path = path;
    }

    static Operation of(String query) {
      for (Operation op : values()) {
        if (op.call != null && op.call.matcher(query).find()) {
          return op;
        }
      }
      return UNSUPPORTED;
    }
  }

  private final long accountId;
  private final String userKey;
  private final Clock clock;
  private final Received received;
  private final DashboardOperations dashboards;
  private final AlertOperations alerts;

  NerdGraph(long accountId, String userKey, Clock clock, Received received,
      Dashboards dashboards, AlertOperations alerts) {
    this.accountId = accountId;
    this.userKey = userKey;
    this.clock = clock;
    this.received = received;
    this.dashboards = new DashboardOperations(accountId, dashboards);
    this.alerts = alerts;
  }

  @Override
  public Reply handle(Incoming request) {
    if (!request.method().equals("POST")) {
      return ErrorReplies.of(Api.NERDGRAPH, 405, request.method() + " is not allowed; use POST")
          .withHeader("Allow", "POST");
    }
    if (!request.header("API-Key").filter(userKey::equals).isPresent()) {
      return ErrorReplies.badApiKey();
    }
    try {
      JsonNode root = Json.parse(request.body());
      String query = query(root);
      JsonNode variables = variables(root);
      ObjectNode body = switch (Operation.of(query)) {
        case DASHBOARD_CREATE -> dashboards.create(variables);
        case DASHBOARD_UPDATE -> dashboards.update(variables);
        case ALERTS_POLICY_CREATE -> alerts.createPolicy(query, variables);
        case ALERTS_POLICY_UPDATE -> alerts.updatePolicy(query, variables);
        case ALERTS_CONDITION_CREATE -> alerts.createCondition(query, variables);
        case ALERTS_CONDITION_UPDATE -> alerts.updateCondition(query, variables);
        case ALERTS_POLICIES_SEARCH -> alerts.searchPolicies(query, variables);
        case ALERTS_CONDITIONS_SEARCH -> alerts.searchConditions(query, variables);
        case ENTITY_SEARCH -> dashboards.search(variables);
        case NRQL -> nrql(variables);
        case UNSUPPORTED -> GraphQl.errorBody(Optional.empty(),
            "FakeNewRelic does not support this operation", GraphQl.VALIDATION_ERROR, List.of());
      };
      return Reply.json(200, body);
    } catch (BadRequest e) {
      return ErrorReplies.of(Api.NERDGRAPH, e.status(), e.getMessage());
    }
  }

  /** Returns the GraphQL path of the operation a request body asks for; empty if unknown. */
  static List<String> pathOf(String body) {
    try {
      return Operation.of(query(Json.parse(body.getBytes(StandardCharsets.UTF_8)))).path;
    } catch (BadRequest e) {
      return List.of();
    }
  }

  private ObjectNode nrql(JsonNode variables) {
    List<String> path = Operation.NRQL.path;
    Optional<Long> account = GraphQl.longVariable(variables, "accountId");
    if (account.isEmpty()) {
      return GraphQl.missingVariable("accountId", "Int!", path);
    }
    Optional<String> nrql = GraphQl.stringVariable(variables, "query");
    if (nrql.isEmpty()) {
      return GraphQl.missingVariable("query", "Nrql!", path);
    }
    if (account.get() != accountId) {
      List<String> accountPath = List.of("actor", "account");
      return GraphQl.errorBody(Optional.of(GraphQl.nest(accountPath, NullNode.getInstance())),
          "Account " + account.get() + " is not accessible with this API key", GraphQl.FORBIDDEN,
          accountPath);
    }
    try {
      List<?> rows = Nrql.run(nrql.get(), received.storedEvents(), clock.millis());
      return GraphQl.data(path, Json.object().set("results", Json.toTree(rows)));
    } catch (NrqlSyntaxException e) {
      return GraphQl.errorBody(Optional.of(GraphQl.nest(path, NullNode.getInstance())),
          "NRQL Syntax Error: " + e.getMessage(), GraphQl.INVALID_INPUT, path);
    }
  }

  private static String query(JsonNode root) throws BadRequest {
    JsonNode query = root.get("query");
    if (!root.isObject() || query == null || !query.isTextual()) {
      throw new BadRequest("the body must be a JSON object with a string \"query\"");
    }
    return query.asText();
  }

  private static JsonNode variables(JsonNode root) throws BadRequest {
    JsonNode variables = root.get("variables");
    if (variables == null || variables.isNull()) {
      return Json.object();
    }
    if (!variables.isObject()) {
      throw new BadRequest("\"variables\" must be a JSON object");
    }
    return variables;
  }
}
