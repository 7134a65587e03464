package dev.breakwater.testkit;

/**
 * A query outside the fake's NRQL subset. The message reads like New Relic's:
 * {@code "Error at line 1 position 8, unexpected 'FORM'"}. Not meant to be shared between threads.
 */
final class NrqlSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  NrqlSyntaxException(String query, int offset, String detail) {
    super("Error at line " + line(query, offset) + " position " + column(query, offset) + ", "
        + detail, null, false, false);
  }

  private static int line(String query, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, query.length()); i++) {
      if (query.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int column(String query, int offset) {
    int start = query.lastIndexOf('\n', Math.min(offset, query.length()) - 1) + 1;
    return offset - start + 1;
  }
}
