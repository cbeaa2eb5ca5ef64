package io.cartprobe.state;

import io.cartprobe.alert.AlertKey;
import io.cartprobe.alert.AlertState;
import io.cartprobe.alert.AlertStateSink;
import io.cartprobe.alert.InstanceSnapshot;
import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Alerting's state in its tables. {@link Alerting} hands over its whole state after each change
 * (a cheap in-memory snapshot, under its lock); the writer thread compares it with what was last
 * committed and writes only the rows that differ: a delivery outcome is one row, not a file.
 */
public final class AlertRows implements AlertStateSink {

  private static final Object KEY = AlertRows.class;

  private final StateWriter writer;
  private final WebhookTargets targets;
  // What the database holds, as of the last commit. Touched only by the writer thread.
  private Map<AlertKey, InstanceSnapshot> instances = new HashMap<>();
  private Map<String, PendingDelivery> pending = new HashMap<>();
  private Set<String> dead = new HashSet<>();
  private long nextSeq;

  AlertRows(StateWriter writer, WebhookTargets targets, AlertState loaded, long nextSeq) {
    this.writer = writer;
    this.targets = targets;
    loaded.instances().forEach(i -> instances.put(i.key(), i));
    loaded.pending().forEach(p -> pending.put(p.id(), p));
    loaded.deadLetters().forEach(d -> dead.add(d.id()));
    this.nextSeq = nextSeq;
  }

  @Override
  public void save(AlertState state) {
    writer.replace(KEY, new Diff(state));
  }

  private final class Diff implements Write {
    private final AlertState state;
    private Map<AlertKey, InstanceSnapshot> newInstances;
    private Map<String, PendingDelivery> newPending;
    private Set<String> newDead;
    private long seq;

    Diff(AlertState state) {
      this.state = state;
    }

    @Override
    public void apply(Connection c) throws SQLException {
      newInstances = new HashMap<>();
      newPending = new HashMap<>();
      newDead = new HashSet<>();
      seq = nextSeq;
      for (InstanceSnapshot i : state.instances()) {
        newInstances.put(i.key(), i);
        if (!i.equals(instances.get(i.key()))) {
          AlertTables.upsertInstance(c, i, state.savedAt());
        }
      }
      for (AlertKey gone : instances.keySet()) {
        if (!newInstances.containsKey(gone)) {
          AlertTables.deleteInstance(c, gone);
        }
      }
      for (PendingDelivery d : state.pending()) {
        newPending.put(d.id(), d);
        PendingDelivery before = pending.get(d.id());
        if (before == null) {
          AlertTables.insertPending(c, d, seq++, targets.index(d.webhook(), d.url()));
        } else if (!before.equals(d)) {
          AlertTables.updatePending(c, d, targets.index(d.webhook(), d.url()));
        }
      }
      for (String gone : pending.keySet()) {
        if (!newPending.containsKey(gone)) {
          AlertTables.delete(c, "pending_deliveries", gone);
        }
      }
      for (DeadLetter d : state.deadLetters()) {
        newDead.add(d.id());
        if (!dead.contains(d.id())) {
          AlertTables.insertDead(c, d, targets.index(d.webhook(), d.url()));
        }
      }
      for (String gone : dead) {
        if (!newDead.contains(gone)) {
          AlertTables.delete(c, "dead_letters", gone);
        }
      }
    }

    @Override
    public void committed() {
      instances = newInstances;
      pending = newPending;
      dead = newDead;
      nextSeq = seq;
    }
  }

}
