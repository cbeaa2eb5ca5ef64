package io.cartprobe.cli;

import io.cartprobe.shard.Shard;
import io.cartprobe.shard.ShardSpec;
import picocli.CommandLine;

/** {@code --shard I/N|auto}, else {@code $CARTPROBE_SHARD}: a bad value is a usage error (exit 2). */
final class ShardOption {

  private ShardOption() {}

  static Shard resolve(CommandLine.Model.CommandSpec spec, String flag, CliContext context) {
    try {
      return ShardSpec.resolve(flag, context.environment());
    } catch (ShardSpec.BadShardException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
