package io.cartprobe.state;

import io.cartprobe.result.json.Json;
import io.cartprobe.watch.WatchState;
import io.cartprobe.watch.WatchState.BaselineState;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The config watch's baselines, one row per pair; only baselines that changed are written. */
public final class BaselineRows implements Consumer<WatchState> {

  private static final Logger log = LoggerFactory.getLogger(BaselineRows.class);
  private static final Object KEY = BaselineRows.class;

  private record Pair(String probe, String env) {}

  private final StateWriter writer;
  private Map<Pair, BaselineState> committed = new HashMap<>(); // writer thread only

  BaselineRows(StateWriter writer, WatchState loaded) {
    this.writer = writer;
    loaded.baselines().forEach(b -> committed.put(new Pair(b.probe(), b.env()), b));
  }

  /** Saves the watch's baselines (called when one is first taken or changes). */
  @Override
  public void accept(WatchState state) {
    writer.replace(KEY, new Write() {
      private final Map<Pair, BaselineState> now = new HashMap<>();

      @Override
      public void apply(Connection c) throws SQLException {
        now.clear();
        for (BaselineState b : state.baselines()) {
          Pair pair = new Pair(b.probe(), b.env());
          now.put(pair, b);
          if (!b.equals(committed.get(pair))) {
            upsert(c, b);
          }
        }
        for (Pair gone : committed.keySet()) {
          if (!now.containsKey(gone)) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM config_baselines WHERE "
                + "probe = ? AND environment = ? AND variant = ''")) {
              p.setString(1, gone.probe());
              p.setString(2, gone.env());
              p.executeUpdate();
            }
          }
        }
      }

      @Override
      public void committed() {
        committed = new HashMap<>(now);
      }
    });
  }

  static void upsert(Connection c, BaselineState b) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        INSERT INTO config_baselines (probe, environment, variant, document) VALUES (?, ?, ?, ?)
        ON CONFLICT (probe, environment, variant) DO UPDATE SET document = excluded.document""")) {
      p.setString(1, b.probe());
      p.setString(2, b.env());
      p.setString(3, HistoryRows.NO_VARIANT);
      p.setString(4, Json.write(b));
      p.executeUpdate();
    }
  }

  static WatchState load(Connection c) throws SQLException {
    List<BaselineState> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT document FROM config_baselines ORDER BY probe, environment")) {
      while (r.next()) {
        try {
          out.add(Json.read(Json.parse(r.getString(1)), BaselineState.class));
        } catch (IOException | IllegalArgumentException e) {
          log.warn("skipping a config baseline the state file holds that does not parse: {}",
              e.getMessage());
        }
      }
    }
    return new WatchState(WatchState.VERSION, out);
  }
}
