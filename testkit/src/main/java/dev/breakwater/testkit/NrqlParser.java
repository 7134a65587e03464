package dev.breakwater.testkit;

import dev.breakwater.testkit.NrqlLexer.Kind;
import dev.breakwater.testkit.NrqlLexer.Token;
import dev.breakwater.testkit.NrqlQuery.Aggregate;
import dev.breakwater.testkit.NrqlQuery.Condition;
import dev.breakwater.testkit.NrqlQuery.Function;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
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

  private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "and", "facet",
      "since", "ago", "timeseries", "limit", "as");
  private static final Map<String, Function> FUNCTIONS = Map.of("count", Function.COUNT,
      "latest", Function.LATEST, "average", Function.AVERAGE, "sum", Function.SUM,
      "min", Function.MIN, "max", Function.MAX, "uniquecount", Function.UNIQUE_COUNT);
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
    do {
      select.add(aggregate());
    } while (takeSymbol(","));
    List<Condition> where = null;
    String facet = null;
    Duration since = null;
    Duration bucket = null;
    Integer limit = null;
    while (peek().kind() != Kind.END) {
      Token clause = take();
      if (clause.is("from") && from == null) {
        from = identifier();
      } else if (clause.is("where") && where == null) {
        where = conditions();
      } else if (clause.is("facet") && facet == null) {
        facet = identifier();
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
    }
    if (from == null) {
      throw new NrqlSyntaxException(query, query.length(), "a FROM clause is required");
    }
    return new NrqlQuery(from, List.copyOf(select), where == null ? List.of() : where, facet,
        (since == null ? DEFAULT_SINCE : since).toMillis(),
        bucket == null ? 0 : bucket.toMillis(), limit == null ? DEFAULT_LIMIT : limit);
  }

  private Aggregate aggregate() throws NrqlSyntaxException {
    Token name = take();
    Function function = name.kind() == Kind.WORD
        ? FUNCTIONS.get(name.text().toLowerCase(Locale.ROOT)) : null;
    if (function == null) {
      throw new NrqlSyntaxException(query, name.offset(), "unexpected " + name.describe()
          + "; expected one of count(*), latest, average, sum, min, max, uniqueCount");
    }
    symbol("(");
    String attribute = null;
    if (function == Function.COUNT) {
      symbol("*");
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
    return new Aggregate(function, attribute, alias);
  }

  private List<Condition> conditions() throws NrqlSyntaxException {
    List<Condition> conditions = new ArrayList<>();
    do {
      String attribute = identifier();
      symbol("=");
      Token value = take();
      if (value.kind() == Kind.STRING) {
        conditions.add(new Condition(attribute, value.text()));
      } else if (value.kind() == Kind.NUMBER) {
        conditions.add(new Condition(attribute, number(value)));
      } else {
        throw unexpected(value);
      }
    } while (takeKeyword("and"));
    return List.copyOf(conditions);
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
