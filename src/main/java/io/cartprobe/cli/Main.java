package io.cartprobe.cli;

import io.cartprobe.server.EndpointLimits;
import io.cartprobe.Version;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cartprobe}: the root command lists the subcommands and is not runnable itself. */
@Command(
    name = "cartprobe",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Synthetic checkout monitoring: walks a shop's checkout like a customer and "
        + "watches the payment gateway's configuration.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success", "1:a probe failed (run)",
      "2:bad config file, bad usage, or an address to listen on is taken (agent, demo)"
    })
public final class Main implements Runnable {

  /** The subcommands, in the order help lists them. */
  static final List<Class<?>> COMMANDS = List.of(
      RunCommand.class, AgentCommand.class, ValidateCommand.class, ListCommand.class,
      DemoCommand.class, SloRulesCommand.class, SchemaCommand.class, CompletionCommand.class,
      CommandLine.HelpCommand.class);

  /** Commands that read the whole tree (help, completion scripts) get all of it. */
  private static final Set<Class<?>> NEED_THE_TREE =
      Set.of(CompletionCommand.class, CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    EndpointLimits.install(); // before any HTTP server class loads (demo starts one first)
    Terminal terminal = Terminal.detect(System.getenv());
    CliContext context =
        new CliContext(System.getenv(), Path.of("").toAbsolutePath(), terminal, Clock.systemUTC());
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(commandLine(context, out, err, commandsFor(args)).execute(args));
  }

  /**
   * Only the command that {@code args} name, when they name one: picocli reads the annotations
   * of every command it is given, which a cold one-off command would otherwise pay for. Root
   * options, a typo or no command at all get the whole tree, for picocli's usage and hints.
   */
  static List<Class<?>> commandsFor(String[] args) {
    if (args.length == 0) {
      return COMMANDS;
    }
    return COMMANDS.stream()
        .filter(c -> !NEED_THE_TREE.contains(c) && c.getAnnotation(Command.class).name().equals(args[0]))
        .findFirst().<List<Class<?>>>map(List::of).orElse(COMMANDS);
  }

  /** The whole command tree, writing to the given streams: tests call this with StringWriters. */
  public static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    return commandLine(context, out, err, COMMANDS);
  }

  static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err,
      List<Class<?>> commands) {
    ContextFactory factory = new ContextFactory(context);
    CommandLine cli = new CommandLine(new Main(), factory);
    for (Class<?> command : commands) {
      cli.addSubcommand(new CommandLine(command, factory));
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(
        context.terminal().colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    return cli;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cartprobe " + Version.current(),
          "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
  }

  /** Hands the CLI context to every command that asks for it in its constructor. */
  private record ContextFactory(CliContext context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(CliContext.class).newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
