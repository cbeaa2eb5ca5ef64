package io.cartprobe.agent;

import io.cartprobe.slo.RunCounts;
import io.cartprobe.state.RunQueries;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLO counts from the state database, which keeps runs for the SLO's whole window (the
 * in-memory history holds a day at most). A database that cannot be read counts nothing and
 * says so in the log: the SLO metrics then show no runs rather than wrong ones.
 */
final class StoredRunCounts implements RunCounts {

  private static final Logger log = LoggerFactory.getLogger(StoredRunCounts.class);

  private final RunQueries runs;

  StoredRunCounts(RunQueries runs) {
    this.runs = runs;
  }

  @Override
  public Counts count(Pair pair, Instant from, Instant to) {
    try {
      io.cartprobe.state.RunCounts c = runs.countRuns(pair.probe(), pair.env(), from, to);
      return new Counts(c.total(), c.failed(), c.degraded());
    } catch (SQLException e) {
      log.warn("cannot count the runs of {} @ {} for its SLOs: {}", pair.probe(), pair.env(),
          e.getMessage());
      return Counts.NONE;
    }
  }

  @Override
  public Optional<Instant> heldSince(Pair pair) {
    try {
      return runs.oldestRun(pair.probe(), pair.env());
    } catch (SQLException e) {
      log.warn("cannot read the oldest run of {} @ {}: {}", pair.probe(), pair.env(),
          e.getMessage());
      return Optional.empty();
    }
  }
}
