package io.cartprobe.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cartprobe completion bash|zsh|fish}: prints a completion script for the whole command
 * tree, generated from the commands themselves, so it never lags behind them. The bash script
 * (picocli's) also loads in zsh (it enables zsh's bashcompinit itself); fish gets its own.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
        "Print a shell completion script for cartprobe's commands and options.",
        "Load it with: source <(cartprobe completion bash)   (zsh: ... completion zsh;",
        "fish: cartprobe completion fish > ~/.config/fish/completions/cartprobe.fish)"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:unknown shell"})
final class CompletionCommand implements Callable<Integer> {

  enum Shell { bash, zsh, fish }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish")
  Shell shell;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script = shell == Shell.fish
        ? FishCompletion.script(root) : AutoComplete.bash(root.getCommandName(), root);
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
