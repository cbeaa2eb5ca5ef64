package io.cartprobe.state;

import java.sql.Connection;
import java.sql.SQLException;

/** One change to the database, applied by the writer thread inside its batch transaction. */
@FunctionalInterface
public interface Write {

  void apply(Connection c) throws SQLException;

  /** After the transaction holding this write committed (on the writer thread). */
  default void committed() {}
}
