package dev.breakwater.testkit;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entity search query strings the fake understands:
 * {@code type = 'DASHBOARD' [AND name = '...'] [AND accountId = N]}, clauses in any order,
 * keywords and keys in any case, {@code \'} escaping a quote in the name, the account id quoted
 * or not. Immutable and thread-safe.
 *
 * @param name the exact name to match, or null for any
 * @param accountId the account to match, or null for any
 */
record EntitySearchQuery(String name, Long accountId) {
  private static final Pattern CLAUSE = Pattern.compile(
      "\\s*(\\w+)\\s*=\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|(\\d{1,18}))\\s*");
  private static final Pattern AND = Pattern.compile("(?i)AND\\b");

  /**
   * Parses a query string.
   *
   * @throws BadRequest if the query has another shape or another entity type
   */
  static EntitySearchQuery parse(String query) throws BadRequest {
    String type = null;
    String name = null;
    Long accountId = null;
    Matcher clause = CLAUSE.matcher(query);
    Matcher and = AND.matcher(query);
    int at = 0;
    while (true) {
      if (!clause.region(at, query.length()).lookingAt()) {
        throw unsupported(query);
      }
      String key = clause.group(1).toLowerCase(Locale.ROOT);
      String value = clause.group(2) != null ? clause.group(2).replaceAll("\\\\(.)", "$1")
          : clause.group(3);
      switch (key) {
        case "type" -> type = value;
        case "name" -> name = value;
        case "accountid" -> accountId = accountId(value, query);
        default -> throw unsupported(query);
      }
      at = clause.end();
      if (at == query.length()) {
        break;
      }
      if (!and.region(at, query.length()).lookingAt()) {
        throw unsupported(query);
      }
      at = and.end();
    }
    if (!"DASHBOARD".equals(type)) {
      throw unsupported(query);
    }
    return new EntitySearchQuery(name, accountId);
  }

  private static long accountId(String value, String query) throws BadRequest {
    if (!value.matches("[0-9]{1,18}")) {
      throw unsupported(query);
    }
    return Long.parseLong(value);
  }

  private static BadRequest unsupported(String query) {
    return new BadRequest("FakeNewRelic supports entity search queries of the form"
        + " type = 'DASHBOARD' [AND name = '...'] [AND accountId = N], not: " + query);
  }
}
