package io.cartprobe.cli;

import io.cartprobe.Words;
import io.cartprobe.config.ConfigError;
import io.cartprobe.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns what a command throws into a compiler-like message and an exit code: a bad config file
 * is every error on its own line and exit 2; anything else one line, never a stack trace
 * (unless {@code CARTPROBE_DEBUG} is set).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  static final int EXIT_FAILED = 1;
  static final int EXIT_CONFIG = 2;

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (exception instanceof ConfigException config) {
      printConfigErrors(err, config);
      return EXIT_CONFIG;
    }
    err.println("cartprobe: error: " + exception.getMessage());
    if (System.getenv("CARTPROBE_DEBUG") != null) {
      exception.printStackTrace(err);
    }
    err.flush();
    return EXIT_CONFIG;
  }

  static void printConfigErrors(PrintWriter err, ConfigException config) {
    for (ConfigError error : config.errors()) {
      err.println(error.format());
    }
    int count = config.errors().size();
    String file = config.errors().isEmpty() ? "config" : config.errors().getFirst().file();
    err.println(Words.count(count, "error") + " in " + file
        + "; nothing was run");
    err.flush();
  }
}
