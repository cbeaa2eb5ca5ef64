package io.cartprobe.shard;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which shard an agent is: {@code I/N}, or {@code auto} for a StatefulSet, whose pods are
 * named {@code <set>-<ordinal>} (the ordinal is I; N comes from {@code CARTPROBE_SHARD_COUNT},
 * since a pod cannot see its set's replica count).
 */
public final class ShardSpec {

  public static final String ENV_SHARD = "CARTPROBE_SHARD";
  public static final String ENV_COUNT = "CARTPROBE_SHARD_COUNT";

  private static final Pattern EXPLICIT = Pattern.compile("(\\d{1,9})/(\\d{1,9})");
  private static final Pattern ORDINAL = Pattern.compile(".*-(\\d{1,9})");

  private ShardSpec() {}

  /** Bad input: the message names what was found and what would do. */
  public static final class BadShardException extends IllegalArgumentException {
    BadShardException(String message) {
      super(message);
    }
  }

  /** {@code flag} (from {@code --shard}) wins over {@code $CARTPROBE_SHARD}; neither is one shard. */
  public static Shard resolve(String flag, Map<String, String> env) {
    String where = "--shard";
    String value = flag;
    if (value == null || value.isBlank()) {
      value = env.get(ENV_SHARD);
      where = "$" + ENV_SHARD;
    }
    if (value == null || value.isBlank()) {
      return Shard.SINGLE;
    }
    return value.strip().equals("auto") ? auto(where, env) : explicit(where, value.strip());
  }

  private static Shard explicit(String where, String value) {
    Matcher m = EXPLICIT.matcher(value);
    if (!m.matches()) {
      throw new BadShardException(where + ": expected I/N like 0/3, or auto, found '" + value + "'");
    }
    return checked(where, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), value);
  }

  private static Shard auto(String where, Map<String, String> env) {
    String source = env.containsKey("POD_NAME") ? "POD_NAME" : "HOSTNAME";
    String name = Optional.ofNullable(env.get(source)).orElse("");
    Matcher m = ORDINAL.matcher(name);
    if (!m.matches()) {
      throw new BadShardException(where + " auto: " + source + " '" + name + "' has no StatefulSet"
          + " ordinal suffix like 'cartprobe-2' (set POD_NAME, or give I/N)");
    }
    String count = Optional.ofNullable(env.get(ENV_COUNT)).orElse("").strip();
    if (!count.matches("\\d{1,9}")) {
      throw new BadShardException(where + " auto: $" + ENV_COUNT + " must be the number of"
          + " shards (the StatefulSet's replicas), found '" + count + "'");
    }
    return checked(where, Integer.parseInt(m.group(1)), Integer.parseInt(count),
        name + " of " + count);
  }

  private static Shard checked(String where, int index, int count, String found) {
    if (count < 1 || index >= count) {
      throw new BadShardException(where + ": index must be below the count of shards"
          + " (0-based, like 0/3 .. 2/3), found '" + found + "'");
    }
    return new Shard(index, count);
  }
}
