package io.cartprobe.state;

import io.cartprobe.result.json.Json;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code evidence_episodes} table. Saving is asynchronous like every write (the returned
 * future completes when it is committed); reads see what is committed. At most
 * {@link Retention#maxEpisodes()} are kept, the oldest opened dropped first.
 */
public final class EvidenceEpisodes {

  private final StateDb db;
  private final StateWriter writer;

  public EvidenceEpisodes(StateDb db, StateWriter writer) {
    this.db = db;
    this.writer = writer;
  }

  /** Inserts or replaces the episode with this id (open it, add to it, close it). */
  public CompletableFuture<Void> save(EvidenceEpisode e) {
    String document = Json.write(e.document());
    writer.submit(c -> {
      try (PreparedStatement p = c.prepareStatement("""
          INSERT INTO evidence_episodes (id, probe, environment, variant, opened_at, closed_at,
            document) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET
            probe = excluded.probe, environment = excluded.environment, variant = excluded.variant,
            opened_at = excluded.opened_at, closed_at = excluded.closed_at,
            document = excluded.document""")) {
        p.setString(1, e.id());
        p.setString(2, e.probe());
        p.setString(3, e.environment());
        p.setString(4, e.variant());
        p.setLong(5, Times.nanos(e.openedAt()));
        if (e.closedAt().isPresent()) {
          p.setLong(6, Times.nanos(e.closedAt().get()));
        } else {
          p.setNull(6, Types.INTEGER);
        }
        p.setString(7, document);
        p.executeUpdate();
      }
    });
    return writer.flush();
  }

  public Optional<EvidenceEpisode> get(String id) throws SQLException {
    List<EvidenceEpisode> found = query("WHERE id = ?", List.of(id), 1);
    return found.stream().findFirst();
  }

  /** The newest episodes first, any pair. */
  public List<EvidenceEpisode> recent(int limit) throws SQLException {
    return query("", List.of(), limit);
  }

  /** The pair's newest episodes first; variant {@code ""} is the probe itself. */
  public List<EvidenceEpisode> recent(String probe, String environment, String variant, int limit)
      throws SQLException {
    return query("WHERE probe = ? AND environment = ? AND variant = ?",
        List.of(probe, environment, variant), limit);
  }

  /** Episodes not closed yet, newest first (at start: what was open when the agent stopped). */
  public List<EvidenceEpisode> open() throws SQLException {
    return query("WHERE closed_at IS NULL", List.of(), Integer.MAX_VALUE);
  }

  /** Episodes that overlap {@code [from, to)}, newest first. */
  public List<EvidenceEpisode> between(Instant from, Instant to) throws SQLException {
    return query("WHERE opened_at < ? AND (closed_at IS NULL OR closed_at >= ?)",
        List.of(Times.nanos(to), Times.nanos(from)), Integer.MAX_VALUE);
  }

  private List<EvidenceEpisode> query(String where, List<Object> args, int limit)
      throws SQLException {
    List<EvidenceEpisode> out = new ArrayList<>();
    synchronized (db) {
      try (PreparedStatement p = db.readConnection().prepareStatement("SELECT * FROM "
          + "evidence_episodes " + where + " ORDER BY opened_at DESC, id LIMIT ?")) {
        int i = 1;
        for (Object arg : args) {
          p.setObject(i++, arg);
        }
        p.setInt(i, limit);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new EvidenceEpisode(r.getString("id"), r.getString("probe"),
                r.getString("environment"), r.getString("variant"),
                Times.instant(r.getLong("opened_at")), Times.optional(r, "closed_at"),
                Json.parse(r.getString("document"))));
          }
        }
      } catch (IOException e) {
        throw new SQLException("an evidence episode holds unreadable JSON: " + e.getMessage(), e);
      }
    }
    return out;
  }
}
