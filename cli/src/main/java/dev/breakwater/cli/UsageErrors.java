package dev.breakwater.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports bad input (arguments, environment variables, files the arguments name) the way the
 * whole CLI does: one line {@code breakwater: <what is wrong>} and one hint
 * {@code See 'breakwater demo --help'.} on stderr, exit code 2. Never the usage text, never a
 * stack trace. Stateless and thread-safe.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("breakwater: " + message(e));
    err.println(hint(command));
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }

  static String hint(CommandLine command) {
    return "See '" + command.getCommandSpec().qualifiedName() + " --help'.";
  }

  static String message(ParameterException e) {
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      return unmatched(u);
    }
    return oneLine(e.getMessage());
  }

  private static String unmatched(UnmatchedArgumentException e) {
    String first = e.getUnmatched().get(0);
    CommandLine command = e.getCommandLine();
    String what;
    if (e.isUnknownOption()) {
      what = "unknown option " + Converters.shown(first);
    } else if (!command.getSubcommands().isEmpty()) {
      what = "unknown command " + Converters.shown(first) + ": use "
          + join(new ArrayList<>(command.getSubcommands().keySet()));
    } else {
      what = "unexpected argument " + Converters.shown(first);
    }
    List<String> suggestions = e.getSuggestions();
    if (!suggestions.isEmpty() && (e.isUnknownOption() || command.getSubcommands().isEmpty())) {
      what += " (did you mean " + join(suggestions) + "?)";
    }
    return what;
  }

  /** Picocli's sentence, as one line starting in lower case like the rest of the CLI's messages. */
  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "invalid arguments";
    }
    String m = message.strip().replaceAll("\\s*\\R\\s*", " ");
    if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))) {
      m = m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
    return m;
  }

  static String join(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }
}
