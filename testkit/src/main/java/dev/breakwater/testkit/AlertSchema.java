package dev.breakwater.testkit;

import static dev.breakwater.testkit.InputType.BOOLEAN;
import static dev.breakwater.testkit.InputType.FLOAT;
import static dev.breakwater.testkit.InputType.ID;
import static dev.breakwater.testkit.InputType.INT;
import static dev.breakwater.testkit.InputType.SECONDS;
import static dev.breakwater.testkit.InputType.STRING;
import static dev.breakwater.testkit.InputType.enumeration;
import static dev.breakwater.testkit.InputType.list;
import static dev.breakwater.testkit.InputType.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NerdGraph input types of the alert operations the fake answers, with their GraphQL names,
 * and the arguments of each operation. A request is checked as NerdGraph checks it: every
 * variable against its type, and each variable's declared type (when the query text declares
 * it) against the argument's. Stateless and thread-safe.
 */
final class AlertSchema {
  static final InputType INCIDENT_PREFERENCE = enumeration("AlertsIncidentPreference",
      "PER_CONDITION", "PER_CONDITION_AND_TARGET", "PER_POLICY");
  static final InputType POLICY = object("AlertsPolicyInput")
      .field("incidentPreference", INCIDENT_PREFERENCE, true)
      .field("name", STRING, true);
  static final InputType POLICY_UPDATE = object("AlertsPolicyUpdateInput")
      .field("incidentPreference", INCIDENT_PREFERENCE, false)
      .field("name", STRING, false);
  static final InputType POLICIES_CRITERIA = object("AlertsPoliciesSearchCriteriaInput")
      .field("ids", list(ID), false)
      .field("name", STRING, false)
      .field("nameLike", STRING, false);
  static final InputType OPERATOR = enumeration("AlertsNrqlConditionTermsOperator", "ABOVE",
      "ABOVE_OR_EQUALS", "BELOW", "BELOW_OR_EQUALS", "EQUALS", "NOT_EQUALS");
  static final InputType PRIORITY = enumeration("AlertsNrqlConditionPriority", "CRITICAL",
      "WARNING");
  static final InputType OCCURRENCES = enumeration("AlertsNrqlConditionThresholdOccurrences",
      "ALL", "AT_LEAST_ONCE");
  static final InputType TERMS = object("AlertsNrqlConditionTermsInput")
      .field("operator", OPERATOR, true)
      .field("priority", PRIORITY, true)
      .field("threshold", FLOAT, true)
      .field("thresholdDuration", SECONDS, true)
      .field("thresholdOccurrences", OCCURRENCES, true);
  static final InputType METHOD = enumeration("NrqlConditionAggregationMethod", "CADENCE",
      "EVENT_FLOW", "EVENT_TIMER");
  static final InputType FILL = enumeration("AlertsFillOption", "LAST_VALUE", "NONE", "STATIC");
  static final InputType SIGNAL = signal("AlertsNrqlConditionCreateSignalInput");
  static final InputType SIGNAL_UPDATE = signal("AlertsNrqlConditionUpdateSignalInput");
  static final InputType EXPIRATION = object("AlertsNrqlConditionExpirationInput")
      .field("closeViolationsOnExpiration", BOOLEAN, false)
      .field("expirationDuration", SECONDS, false)
      .field("ignoreOnExpectedTermination", BOOLEAN, false)
      .field("openViolationOnExpiration", BOOLEAN, false);
  static final InputType VALUE_FUNCTION = enumeration("AlertsNrqlStaticConditionValueFunction",
      "SINGLE_VALUE", "SUM");
  static final InputType STATIC_CONDITION = condition("AlertsNrqlConditionStaticInput",
      "AlertsNrqlConditionCreateQueryInput", SIGNAL, true);
  static final InputType STATIC_CONDITION_UPDATE = condition(
      "AlertsNrqlConditionUpdateStaticInput", "AlertsNrqlConditionUpdateQueryInput",
      SIGNAL_UPDATE, false);
  static final InputType CONDITIONS_CRITERIA = object("AlertsNrqlConditionsSearchCriteriaInput")
      .field("name", STRING, false)
      .field("nameLike", STRING, false)
      .field("policyId", ID, false)
      .field("query", STRING, false)
      .field("queryLike", STRING, false);

  /** One argument of an operation, read from the variable of the same name. */
  record Argument(String name, InputType type, boolean required) {}

  static final List<Argument> POLICY_CREATE = List.of(account(),
      new Argument("policy", POLICY, true));
  static final List<Argument> POLICY_UPDATE_ARGS = List.of(account(),
      new Argument("id", ID, true), new Argument("policy", POLICY_UPDATE, true));
  static final List<Argument> CONDITION_CREATE = List.of(account(),
      new Argument("policyId", ID, true), new Argument("condition", STATIC_CONDITION, true));
  static final List<Argument> CONDITION_UPDATE = List.of(account(),
      new Argument("id", ID, true), new Argument("condition", STATIC_CONDITION_UPDATE, true));
  static final List<Argument> POLICIES_SEARCH = List.of(account(),
      new Argument("searchCriteria", POLICIES_CRITERIA, false),
      new Argument("cursor", STRING, false));
  static final List<Argument> CONDITIONS_SEARCH = List.of(account(),
      new Argument("searchCriteria", CONDITIONS_CRITERIA, false),
      new Argument("cursor", STRING, false));

  private static final Pattern DECLARATION =
      Pattern.compile("\\$(\\w+)\\s*:\\s*(\\[?\\s*\\w+\\s*!?\\s*]?\\s*!?)");

  private AlertSchema() {}

  private static Argument account() {
    return new Argument("accountId", INT, true);
  }

  private static InputType signal(String name) {
    return object(name)
        .field("aggregationDelay", SECONDS, false)
        .field("aggregationMethod", METHOD, false)
        .field("aggregationTimer", SECONDS, false)
        .field("aggregationWindow", SECONDS, false)
        .field("evaluationDelay", SECONDS, false)
        .field("fillOption", FILL, false)
        .field("fillValue", FLOAT, false)
        .field("slideBy", SECONDS, false);
  }

  private static InputType condition(String name, String queryName, InputType signal,
      boolean create) {
    InputType query = object(queryName)
        .field("query", STRING, true)
        .field("dataAccountId", INT, false)
        .field("evaluationOffset", INT, false);
    return object(name)
        .field("name", STRING, create)
        .field("enabled", BOOLEAN, create)
        .field("nrql", query, create)
        .field("terms", list(TERMS), false)
        .field("signal", signal, false)
        .field("expiration", EXPIRATION, false)
        .field("description", STRING, false)
        .field("runbookUrl", STRING, false)
        .field("titleTemplate", STRING, false)
        .field("violationTimeLimitSeconds", SECONDS, false)
        .field("valueFunction", VALUE_FUNCTION, false);
  }

  /**
   * Checks the variables of an operation at {@code path}; returns the GraphQL error body for
   * the first variable that is wrong, or empty if all are right.
   */
  static Optional<ObjectNode> check(String query, JsonNode variables, List<Argument> arguments,
      List<String> path) {
    Map<String, String> declared = declarations(query);
    for (Argument a : arguments) {
      String expected = a.type().signature(a.required());
      String declaration = declared.get(a.name());
      if (declaration != null && !declaration.equals(expected)) {
        return Optional.of(GraphQl.errorBody(Optional.empty(), "Variable $" + a.name()
            + " of type " + declaration + " cannot be used where " + expected
            + " is expected.", GraphQl.VALIDATION_ERROR, path));
      }
      JsonNode value = variables.get(a.name());
      if (value == null || value.isNull()) {
        if (a.required()) {
          return Optional.of(GraphQl.missingVariable(a.name(), expected, path));
        }
        continue;
      }
      List<String> problems = new ArrayList<>();
      a.type().check(value, "", problems);
      if (!problems.isEmpty()) {
        return Optional.of(GraphQl.errorBody(Optional.empty(), "Variable $" + a.name()
            + " of type " + expected + " was provided invalid value: "
            + String.join("; ", problems), GraphQl.VALIDATION_ERROR, path));
      }
    }
    return Optional.empty();
  }

  /** The error NerdGraph gives a well-typed but invalid mutation: {@code data} null at path. */
  static ObjectNode invalid(List<String> path, List<String> problems) {
    return GraphQl.errorBody(Optional.of(GraphQl.nest(path, NullNode.getInstance())),
        "Invalid input: " + String.join("; ", problems), GraphQl.INVALID_INPUT, path);
  }

  private static Map<String, String> declarations(String query) {
    Map<String, String> declared = new LinkedHashMap<>();
    Matcher m = DECLARATION.matcher(query);
    while (m.find()) {
      declared.putIfAbsent(m.group(1), m.group(2).replaceAll("\\s+", ""));
    }
    return declared;
  }
}
