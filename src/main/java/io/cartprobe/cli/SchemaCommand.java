package io.cartprobe.cli;

import io.cartprobe.config.ConfigSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cartprobe schema}: the JSON Schema of probes.yaml, for editors and CI linters. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = {
        "Print the JSON Schema of probes.yaml (its $id: " + ConfigSchema.ID + ").",
        "Save it for an editor: cartprobe schema > ~/.config/cartprobe/probes.schema.json"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed"})
final class SchemaCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(ConfigSchema.json());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
