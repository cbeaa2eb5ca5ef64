package io.cartprobe.state;

import java.sql.SQLException;

/** SQLite's answer, sorted into the problems the agent reports. */
final class StateException {

  // SQLite primary result codes (the low byte of the extended code).
  private static final int SQLITE_PERM = 3;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;

  private StateException() {}

  static StateProblem classify(SQLException e) {
    return switch (e.getErrorCode() & 0xff) {
      case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN -> StateProblem.READ_ONLY;
      case SQLITE_FULL -> StateProblem.FULL;
      case SQLITE_CORRUPT, SQLITE_NOTADB -> StateProblem.CORRUPT;
      default -> StateProblem.IO;
    };
  }

  /** SQLite's message without the driver's "[SQLITE_FULL] ..." prefix noise. */
  static String describe(SQLException e) {
    String message = String.valueOf(e.getMessage());
    int close = message.indexOf("] ");
    return message.startsWith("[") && close > 0 ? message.substring(close + 2) : message;
  }
}
