package io.cartprobe.cli;

import io.cartprobe.server.EndpointLimits;
import io.cartprobe.Version;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cartprobe}: the root command lists the subcommands and is not runnable itself. */
@Command(
    name = "cartprobe",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Synthetic checkout monitoring: walks a shop's checkout like a customer and "
        + "watches the payment gateway's configuration.",
    subcommands = {
      RunCommand.class, AgentCommand.class, ValidateCommand.class, ListCommand.class,
      DemoCommand.class, SloRulesCommand.class, SchemaCommand.class, CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success", "1:a probe failed (run)",
      "2:bad config file, bad usage, or an address to listen on is taken (agent, demo)"
    })
public final class Main implements Runnable {

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
    System.exit(commandLine(context, out, err).execute(args));
  }

  /** The whole command tree, writing to the given streams: tests call this with StringWriters. */
  public static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main(), new ContextFactory(context));
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
