package io.cartprobe.state;

import java.util.Locale;

/** What went wrong with the state database; the wire name is a metric label. */
public enum StateProblem {
  /** Moved aside at start: not a database, or damaged. */
  CORRUPT,
  /** Moved aside at start: a database, but not cartprobe's (or from a newer cartprobe). */
  FOREIGN,
  /** The file or its directory cannot be written. */
  READ_ONLY,
  /** The disk (or the database's page limit) is full. */
  FULL,
  /** Any other I/O failure while writing. */
  IO;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
