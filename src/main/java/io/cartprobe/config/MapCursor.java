package io.cartprobe.config;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML map's entries by key, in file order. Duplicate keys are reported here (the node API
 * does not check them) and {@code <<: *anchor} merge keys are expanded, explicit keys winning.
 */
final class MapCursor {

  /** One key and its value; {@code keyMark} is where the key is written. */
  record Entry(String key, Mark keyMark, Cursor value) {}

  private final Cursor self;
  private final Map<String, Entry> entries;

  private MapCursor(Cursor self, Map<String, Entry> entries) {
    this.self = self;
    this.entries = entries;
  }

  static MapCursor empty(Cursor self) {
    return new MapCursor(self, Map.of());
  }

  static MapCursor of(Cursor self, MappingNode node) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    collect(self, node, entries, true, Collections.newSetFromMap(new IdentityHashMap<>()));
    return new MapCursor(self, entries);
  }

  private static void collect(Cursor self, MappingNode node, Map<String, Entry> into, boolean explicit,
      Set<Node> seen) {
    if (!seen.add(node)) {
      return; // a merge cycle: everything it could add is already there
    }
    List<NodeTuple> merges = new java.util.ArrayList<>();
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (keyNode.getTag().equals(Tag.MERGE)) {
        merges.add(tuple);
        continue;
      }
      if (!(keyNode instanceof ScalarNode scalar)) {
        self.session().diagnostics().report(keyNode.getStartMark(), self.path(),
            "expected a string key, found " + (keyNode instanceof SequenceNode ? "a list" : "a map"));
        continue;
      }
      String key = scalar.getValue();
      Entry previous = into.get(key);
      if (previous != null && explicit) {
        self.session().diagnostics().report(keyNode.getStartMark(), self.child(key, tuple.getValueNode()).path(),
            "duplicate key (first defined at line " + (previous.keyMark().getLine() + 1) + ")");
      } else if (previous == null) {
        into.put(key, new Entry(key, keyNode.getStartMark(), self.child(key, tuple.getValueNode())));
      }
    }
    // Merged keys never override what the map itself says, and the first merge source wins.
    for (NodeTuple merge : merges) {
      Cursor source = self.child("<<", merge.getValueNode());
      switch (source.node()) {
        case MappingNode m -> collect(self, m, into, false, seen);
        case SequenceNode s when s.getValue().stream().allMatch(n -> n instanceof MappingNode) ->
            s.getValue().forEach(n -> collect(self, (MappingNode) n, into, false, seen));
        default -> source.error("expected a map or a list of maps to merge, found " + source.describe());
      }
    }
  }

  Cursor cursor() {
    return self;
  }

  Collection<Entry> entries() {
    return entries.values();
  }

  Set<String> keys() {
    return entries.keySet();
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Optional<Cursor> get(String key) {
    return Optional.ofNullable(entries.get(key)).map(Entry::value);
  }

  Optional<Entry> entry(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Reports {@code missing required key 'url'} at the map itself when absent. */
  Optional<Cursor> required(String key) {
    Optional<Cursor> value = get(key);
    if (value.isEmpty()) {
      self.error("missing required key '" + key + "'");
    }
    return value;
  }

  /** Reports every key not in {@code known}, with the closest known key as a hint. */
  MapCursor allow(List<String> known) {
    for (Entry e : entries.values()) {
      if (!known.contains(e.key())) {
        self.session().diagnostics().report(e.keyMark(), e.value().path(),
            "unknown key" + Suggest.hint(e.key(), known, "expected one of"));
      }
    }
    return this;
  }
}
