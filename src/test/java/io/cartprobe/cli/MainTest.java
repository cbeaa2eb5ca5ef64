package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A command line that builds only the command it names behaves as the whole tree does. */
class MainTest {

  @TempDir Path dir;

  record Outcome(int exit, String out, String err) {}

  private Outcome execute(List<Class<?>> commands, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Map.of(), dir, Terminal.PLAIN, Clock.systemUTC());
    int exit = Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true),
        commands).execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void aNamedCommandIsBuiltAloneAndEverythingElseGetsTheWholeTree() {
    assertThat(Main.commandsFor(new String[] {"run", "-p", "checkout"}))
        .containsExactly(RunCommand.class);
    assertThat(Main.commandsFor(new String[] {"validate"})).containsExactly(ValidateCommand.class);
    for (String[] args : List.of(new String[0], new String[] {"--version"},
        new String[] {"rnu"}, new String[] {"help", "run"},
        new String[] {"completion", "bash"})) {
      assertThat(Main.commandsFor(args)).as(String.join(" ", args)).isEqualTo(Main.COMMANDS);
    }
  }

  @Test
  void everyCommandsHelpIsTheSameBuiltAloneAsInTheWholeTree() {
    for (Class<?> command : Main.COMMANDS) {
      String name = command.getAnnotation(Command.class).name();
      if (command == CommandLine.HelpCommand.class) {
        continue;
      }
      String[] args = {name, "--help"};
      Outcome alone = execute(Main.commandsFor(args), args);
      Outcome whole = execute(Main.COMMANDS, args);
      assertThat(alone).as(name).isEqualTo(whole);
      assertThat(alone.out()).as(name).startsWith("Usage: cartprobe " + name);
    }
  }

  @Test
  void aCommandBuiltAloneRunsWithTheContextAndItsExitCode() throws Exception {
    Files.writeString(dir.resolve("probes.yaml"), "probes: [\n");
    String[] args = {"validate", "-c", "probes.yaml"};
    Outcome alone = execute(Main.commandsFor(args), args);
    assertThat(alone.exit()).isEqualTo(2);
    assertThat(alone.err()).contains("probes.yaml:");
    assertThat(alone).isEqualTo(execute(Main.COMMANDS, args));
  }
}
