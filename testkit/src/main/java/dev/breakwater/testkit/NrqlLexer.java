package dev.breakwater.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits NRQL text into tokens: words (keywords and attribute names, which may contain
 * {@code . : _}), backticked names, numbers, single-quoted strings with backslash escapes, and
 * the symbols {@code ( ) , = *}. Stateless and thread-safe.
 */
final class NrqlLexer {

  /** What a token is. */
  enum Kind { WORD, QUOTED_WORD, NUMBER, STRING, SYMBOL, END }

  /** One token and its offset in the query, for error messages. */
  record Token(Kind kind, String text, int offset) {
    boolean is(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String describe() {
      return kind == Kind.END ? "end of query" : "'" + text + "'";
    }
  }

  private NrqlLexer() {}

  static List<Token> tokenize(String query) throws NrqlSyntaxException {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (isWordStart(c)) {
        int end = i;
        while (end < query.length() && isWordPart(query.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Kind.WORD, query.substring(i, end), i));
        i = end;
      } else if (Character.isDigit(c) || (c == '-' && i + 1 < query.length()
          && Character.isDigit(query.charAt(i + 1)))) {
        int end = i + 1;
        while (end < query.length()
            && (Character.isDigit(query.charAt(end)) || query.charAt(end) == '.')) {
          end++;
        }
        tokens.add(new Token(Kind.NUMBER, query.substring(i, end), i));
        i = end;
      } else if (c == '\'' || c == '`') {
        i = quoted(query, i, tokens);
      } else if ("(),=*".indexOf(c) >= 0) {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
        i++;
      } else {
        throw new NrqlSyntaxException(query, i, "unexpected '" + c + "'");
      }
    }
    tokens.add(new Token(Kind.END, "", query.length()));
    return tokens;
  }

  /** Reads a 'string' or `name` starting at {@code start}; returns the offset after it. */
  private static int quoted(String query, int start, List<Token> tokens)
      throws NrqlSyntaxException {
    char quote = query.charAt(start);
    StringBuilder text = new StringBuilder();
    int i = start + 1;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '\\' && quote == '\'' && i + 1 < query.length()) {
        text.append(query.charAt(i + 1));
        i += 2;
      } else if (c == quote) {
        tokens.add(new Token(quote == '\'' ? Kind.STRING : Kind.QUOTED_WORD, text.toString(),
            start));
        return i + 1;
      } else {
        text.append(c);
        i++;
      }
    }
    throw new NrqlSyntaxException(query, start, "unterminated " + (quote == '\'' ? "string"
        : "backticked name"));
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':';
  }
}
