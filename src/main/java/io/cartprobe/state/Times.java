package io.cartprobe.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Instants as the database keeps them: Unix epoch nanoseconds in an INTEGER. */
final class Times {

  private static final long NANOS = 1_000_000_000L;

  private Times() {}

  static long nanos(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS), at.getNano());
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
  }

  static long nanos(Duration d) {
    return d.toNanos();
  }

  static Optional<Instant> optional(ResultSet r, String column) throws SQLException {
    long value = r.getLong(column);
    return r.wasNull() ? Optional.empty() : Optional.of(instant(value));
  }
}
