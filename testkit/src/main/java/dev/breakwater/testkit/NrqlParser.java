package dev.breakwater.testkit;

import dev.breakwater.testkit.NrqlLexer.Kind;
import dev.breakwater.testkit.NrqlLexer.Token;
import dev.breakwater.testkit.NrqlQuery.Aggregate;
import dev.breakwater.testkit.NrqlQuery.Condition;
import dev.breakwater.testkit.NrqlQuery.Function;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the fake's NRQL subset (see {@link FakeNewRelic} for the grammar). Clauses after the
 * SELECT list may come in any order, each at most once. Not thread-safe: one parser per query.
 */
final class NrqlParser {
  static final Duration DEFAULT_SINCE = Duration.ofHours(1);
  static final Duration DEFAULT_BUCKET = Duration.ofMinutes(1);
  static final int DEFAULT_LIMIT = 10;
  /** New Relic's default LIMIT for queries that select attributes of single events. */
  static final int DEFAULT_EVENT_LIMIT = 100;
  static final int MAX_FACETS = 5;

  private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "and", "facet",
      "since", "ago", "timeseries", "limit", "as", "in");
  private static final Map<String, Function> FUNCTIONS = Map.of("count", Function.COUNT,
      "latest", Function.LATEST, "average", Function.AVERAGE, "sum", Function.SUM,
      "min", Function.MIN, "max", Function.MAX, "uniquecount", Function.UNIQUE_COUNT,
      "percentage", Function.PERCENTAGE);
  private static final Map<String, Duration> UNITS = Map.of("second", Duration.ofSeconds(1),
      "minute", Duration.ofMinutes(1), "hour", Duration.ofHours(1), "day", Duration.ofDays(1));

  private final String query;
  private final List<Token> tokens;
  private int next;

  private NrqlParser(String query, List<Token> tokens) {
    this.query = query;
    this.tokens = tokens;
  }

  static NrqlQuery parse(String query) throws NrqlSyntaxException {
    return new NrqlParser(query, NrqlLexer.tokenize(query)).query();
  }

  private NrqlQuery query() throws NrqlSyntaxException {
    String from = null;
    if (takeKeyword("from")) {
      from = identifier();
    }
    keyword("select");
    List<Aggregate> select = new ArrayList<>();
    List<String> attributes = new ArrayList<>();
    do {
      selectItem(select, attributes);
    } while (takeSymbol(","));
    List<Condition> where = null;
    List<String> facets = null;
    Duration since = null;
    Duration bucket = null;
    Integer limit = null;
    Set<String> clauses = new LinkedHashSet<>();
    while (peek().kind() != Kind.END) {
      Token clause = take();
      if (clause.is("from") && from == null) {
        from = identifier();
      } else if (clause.is("where") && where == null) {
        where = conditions();
      } else if (clause.is("facet") && facets == null) {
        facets = facets(clause);
      } else if (clause.is("since") && since == null) {
        since = duration();
        keyword("ago");
      } else if (clause.is("timeseries") && bucket == null) {
        bucket = peek().kind() == Kind.NUMBER ? duration() : DEFAULT_BUCKET;
      } else if (clause.is("limit") && limit == null) {
        limit = positiveInteger();
      } else {
        throw unexpected(clause);
      }
      clauses.add(clause.text().toLowerCase(Locale.ROOT));
    }
    if (from == null) {
      throw new NrqlSyntaxException(query, query.length(), "a FROM clause is required");
    }
    if (!attributes.isEmpty() && (facets != null || bucket != null)) {
      throw new NrqlSyntaxException(query, query.length(), (facets != null ? "FACET" : "TIMESERIES")
          + " needs aggregate functions in SELECT, not attributes");
    }
    int defaultLimit = attributes.isEmpty() ? DEFAULT_LIMIT : DEFAULT_EVENT_LIMIT;
    return new NrqlQuery(from, List.copyOf(select), List.copyOf(attributes),
        where == null ? List.of() : where, facets == null ? List.of() : facets,
        (since == null ? DEFAULT_SINCE : since).toMillis(),
        bucket == null ? 0 : bucket.toMillis(), limit == null ? defaultLimit : limit,
        Set.copyOf(clauses));
  }

  /** One item of the SELECT list: an aggregate, an attribute, or {@code *}; never both kinds. */
  private void selectItem(List<Aggregate> select, List<String> attributes)
      throws NrqlSyntaxException {
    Token first = peek();
    boolean aggregate = first.kind() == Kind.WORD && tokens.get(next + 1).isSymbol("(");
    if (aggregate ? !attributes.isEmpty() : !select.isEmpty()) {
      throw new NrqlSyntaxException(query, first.offset(), "unexpected " + first.describe()
          + "; SELECT takes either aggregate functions or attributes, not both");
    }
    if (aggregate) {
      select.add(aggregate());
    } else if (takeSymbol("*")) {
      attributes.add("*");
    } else {
      attributes.add(identifier());
    }
  }

  private List<String> facets(Token clause) throws NrqlSyntaxException {
    List<String> facets = new ArrayList<>();
    do {
      facets.add(identifier());
    } while (takeSymbol(","));
    if (facets.size() > MAX_FACETS) {
      throw new NrqlSyntaxException(query, clause.offset(), "FACET takes at most " + MAX_FACETS
          + " attributes, had " + facets.size());
    }
    return List.copyOf(facets);
  }

  private Aggregate aggregate() throws NrqlSyntaxException {
    Token name = take();
    Function function = name.kind() == Kind.WORD
        ? FUNCTIONS.get(name.text().toLowerCase(Locale.ROOT)) : null;
    if (function == null) {
      throw new NrqlSyntaxException(query, name.offset(), "unexpected " + name.describe()
          + "; expected one of count(*), latest, average, sum, min, max, uniqueCount,"
          + " percentage");
    }
    symbol("(");
    String attribute = null;
    List<Condition> filter = List.of();
    if (function == Function.COUNT) {
      symbol("*");
    } else if (function == Function.PERCENTAGE) {
      Token inner = take();
      if (!inner.is("count")) {
        throw new NrqlSyntaxException(query, inner.offset(), "unexpected " + inner.describe()
            + "; percentage takes count(*)");
      }
      symbol("(");
      symbol("*");
      symbol(")");
      symbol(",");
      keyword("where");
      filter = conditions();
    } else {
      attribute = identifier();
    }
    symbol(")");
    String alias = null;
    if (takeKeyword("as")) {
      Token token = take();
      if (token.kind() != Kind.STRING && !isIdentifier(token)) {
        throw unexpected(token);
      }
      alias = token.text();
    }
    return new Aggregate(function, attribute, filter, alias);
  }

  private List<Condition> conditions() throws NrqlSyntaxException {
    List<Condition> conditions = new ArrayList<>();
    do {
      String attribute = identifier();
      if (takeKeyword("in")) {
        symbol("(");
        List<Object> values = new ArrayList<>();
        do {
          values.add(value());
        } while (takeSymbol(","));
        symbol(")");
        conditions.add(new Condition(attribute, List.copyOf(values)));
      } else {
        symbol("=");
        conditions.add(new Condition(attribute, List.of(value())));
      }
    } while (takeKeyword("and"));
    return List.copyOf(conditions);
  }

  private Object value() throws NrqlSyntaxException {
    Token value = take();
    if (value.kind() == Kind.STRING) {
      return value.text();
    }
    if (value.kind() == Kind.NUMBER) {
      return number(value);
    }
    throw unexpected(value);
  }

  private Duration duration() throws NrqlSyntaxException {
    int amount = positiveInteger();
    Token unit = take();
    String singular = unit.kind() == Kind.WORD
        ? unit.text().toLowerCase(Locale.ROOT).replaceFirst("s$", "") : "";
    Duration length = UNITS.get(singular);
    if (length == null) {
      throw new NrqlSyntaxException(query, unit.offset(), "unexpected " + unit.describe()
          + "; expected second(s), minute(s), hour(s) or day(s)");
    }
    return length.multipliedBy(amount);
  }

  private int positiveInteger() throws NrqlSyntaxException {
    Token token = take();
    if (token.kind() == Kind.NUMBER && token.text().matches("[0-9]{1,9}")
        && Integer.parseInt(token.text()) > 0) {
      return Integer.parseInt(token.text());
    }
    throw new NrqlSyntaxException(query, token.offset(), "unexpected " + token.describe()
        + "; expected a positive integer");
  }

  private BigDecimal number(Token token) throws NrqlSyntaxException {
    try {
      return new BigDecimal(token.text());
    } catch (NumberFormatException e) {
      throw unexpected(token);
    }
  }

  private String identifier() throws NrqlSyntaxException {
    Token token = take();
    if (!isIdentifier(token)) {
      throw unexpected(token);
    }
    return token.text();
  }

  private static boolean isIdentifier(Token token) {
    return token.kind() == Kind.QUOTED_WORD
        || (token.kind() == Kind.WORD
            && !KEYWORDS.contains(token.text().toLowerCase(Locale.ROOT)));
  }

  private void keyword(String keyword) throws NrqlSyntaxException {
    Token token = take();
    if (!token.is(keyword)) {
      throw new NrqlSyntaxException(query, token.offset(), "unexpected " + token.describe()
          + "; expected " + keyword.toUpperCase(Locale.ROOT));
    }
  }

  private void symbol(String symbol) throws NrqlSyntaxException {
    Token token = take();
    if (!token.isSymbol(symbol)) {
      throw new NrqlSyntaxException(query, token.offset(), "unexpected " + token.describe()
          + "; expected '" + symbol + "'");
    }
  }

  private boolean takeKeyword(String keyword) {
    if (peek().is(keyword)) {
      take();
      return true;
    }
    return false;
  }

  private boolean takeSymbol(String symbol) {
    if (peek().isSymbol(symbol)) {
      take();
      return true;
    }
    return false;
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token token = tokens.get(next);
    if (token.kind() != Kind.END) {
      next++;
    }
    return token;
  }

  private NrqlSyntaxException unexpected(Token token) {
    return new NrqlSyntaxException(query, token.offset(), "unexpected " + token.describe());
  }
}
