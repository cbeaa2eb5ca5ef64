package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cartprobe completion bash|zsh|fish}. */
class CompletionCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CliContext context = new CliContext(Map.of(), dir, Terminal.PLAIN, Clock.systemUTC());
    return Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  @Test
  void bashScriptCompletesEverySubcommandAndTheirOptions() {
    assertThat(execute("completion", "bash")).isZero();
    String script = out.toString();
    assertThat(script).contains("complete -F _complete_cartprobe", "bashcompinit");
    for (String command : new String[] {"run", "agent", "validate", "list", "demo", "completion"}) {
      assertThat(script).as("completes %s", command).containsPattern("\\b" + command + "\\b");
    }
    assertThat(script).contains("--config", "--listen", "--output");
  }

  @Test
  void zshGetsTheSameScriptWhichLoadsBashcompinit() {
    assertThat(execute("completion", "zsh")).isZero();
    assertThat(out.toString()).contains("autoload -U +X bashcompinit && bashcompinit", "complete -F");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    assertThat(execute("completion", "tcsh")).isEqualTo(2);
    assertThat(err.toString()).contains("bash, zsh, fish");
  }

  @Test
  void fishCompletesSubcommandsOptionsAndTheirValues() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v fish")
        .start().waitFor() == 0, "skipped: fish is not installed (apt-get install fish)");
    assertThat(execute("completion", "fish")).isZero();
    Path script = dir.resolve("cartprobe.fish");
    Files.writeString(script, out.toString());

    assertThat(fish("fish_indent --check " + script + " >/dev/null; fish -n " + script + " && echo parsed"))
        .isEqualTo("parsed\n");
    assertThat(fish("source " + script + "; complete -C 'cartprobe '"))
        .contains("run\t", "validate\t", "slo-rules\t", "schema\t", "completion\t");
    assertThat(fish("source " + script + "; complete -C 'cartprobe validate --'"))
        .contains("--config\t", "--output\t");
    assertThat(candidates(fish("source " + script + "; complete -C 'cartprobe run -o '")))
        .containsExactly("json", "junit", "text");
    assertThat(candidates(fish("source " + script + "; complete -C 'cartprobe completion '")))
        .containsExactly("bash", "fish", "zsh");
    assertThat(candidates(fish("cd " + dir + "; source " + script + "; complete -C 'cartprobe list -c '")))
        .as("-c completes files").contains("cartprobe.fish");
  }

  /** What fish offers, without the descriptions after a tab, sorted. */
  private static java.util.List<String> candidates(String completions) {
    return completions.lines().map(l -> l.split("\t", 2)[0]).sorted().toList();
  }

  private static String fish(String command) throws Exception {
    Process fish = new ProcessBuilder("fish", "--no-config", "-c", command).redirectErrorStream(true).start();
    fish.getOutputStream().close();
    String output = new String(fish.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(fish.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  @Test
  void theScriptIsValidBashAndRegistersTheCompletion() throws Exception {
    assertThat(execute("completion", "bash")).isZero();
    Path script = dir.resolve("cartprobe-completion.bash");
    Files.writeString(script, out.toString());
    Process bash = new ProcessBuilder("bash", "-c", "source " + script + " && complete -p cartprobe")
        .redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(output).isZero();
    assertThat(output).contains("_complete_cartprobe");
  }
}
