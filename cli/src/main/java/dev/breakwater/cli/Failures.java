package dev.breakwater.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Reports a command that failed while working (New Relic refused, the network is down, the disk
 * is full): one line {@code breakwater: <what went wrong>} on stderr, exit code 1, no stack trace.
 * Stateless and thread-safe.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    command.getErr().println("breakwater: " + describe(e));
    command.getErr().flush();
    return CommandLine.ExitCode.SOFTWARE;
  }

  static String describe(Throwable e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return f.getFile() + ": " + reason(f);
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getCause() != null && e.getCause() != e ? describe(e.getCause()) : e.getClass().getSimpleName();
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String reason(FileSystemException f) {
    if (f instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (f instanceof AccessDeniedException) {
      return "permission denied";
    }
    return f.getReason() == null ? f.getClass().getSimpleName() : f.getReason();
  }
}
