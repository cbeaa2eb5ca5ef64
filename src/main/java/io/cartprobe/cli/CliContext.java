package io.cartprobe.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What a command needs from the outside world, injected so tests can set every part of it. */
public record CliContext(
    Map<String, String> environment, Path workingDirectory, Terminal terminal, Clock clock) {

  public CliContext {
    environment = Map.copyOf(environment);
  }
}
