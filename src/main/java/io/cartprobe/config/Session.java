package io.cartprobe.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The state of reading one file: where errors go, and each YAML value's interpolated form,
 * computed once per node so a value shared through an alias is checked (and reported) once.
 */
final class Session {

  private static final Set<Tag> SUPPORTED = Set.of(
      Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

  private final Diagnostics diagnostics;
  private final Interpolator interpolator;
  private final Resolver resolver = new Resolver();
  private final Scalars scalars = new Scalars();
  private final Map<Node, Node> resolved = new IdentityHashMap<>();
  /** Interpolated nodes (as resolved) and the references their value came from. */
  private final Map<Node, Set<String>> references = new IdentityHashMap<>();

  Session(Diagnostics diagnostics, Interpolator interpolator) {
    this.diagnostics = diagnostics;
    this.interpolator = interpolator;
  }

  Diagnostics diagnostics() {
    return diagnostics;
  }

  /** A path written in the file, resolved like {@code ${file:PATH}}: against the file's directory. */
  java.nio.file.Path path(String written) {
    java.nio.file.Path path = java.nio.file.Path.of(written);
    java.nio.file.Path base = interpolator.baseDir();
    return path.isAbsolute() || base == null ? path : base.resolve(path);
  }

  /** The node as the loader sees it: tag checked, and a scalar's {@code ${...}} replaced. */
  Node resolve(Node raw, String path) {
    Node done = resolved.get(raw);
    if (done != null) {
      return done;
    }
    Node result = raw;
    if (!SUPPORTED.contains(raw.getTag())) {
      diagnostics.report(raw.getStartMark(), path, "unsupported YAML tag '" + raw.getTag().getValue() + "'");
    }
    if (raw instanceof ScalarNode scalar) {
      Interpolator.Result r = interpolator.apply(scalar.getValue());
      r.substitutions().stream().filter(sub -> !sub.defaulted())
          .forEach(sub -> diagnostics.hide(sub.value(), sub.reference()));
      r.errors().forEach(e -> diagnostics.report(raw.getStartMark(), path, e));
      if (!r.value().equals(scalar.getValue())) {
        result = new ScalarNode(retag(scalar, r.value()), r.value(), scalar.getStartMark(),
            scalar.getEndMark(), scalar.getScalarStyle());
      }
      if (!r.substitutions().isEmpty()) {
        Set<String> refs = new LinkedHashSet<>();
        r.substitutions().forEach(sub -> refs.add(sub.reference()));
        references.put(result, refs);
      }
    }
    resolved.put(raw, result);
    return result;
  }

  /**
   * For a node whose value came from {@code ${...}}, what messages say instead of the value:
   * {@code a value from ${GW_KEY} (not shown)}.
   */
  Optional<String> origin(Node node) {
    Set<String> refs = references.get(node);
    return refs == null ? Optional.empty()
        : Optional.of("a value from " + String.join(" and ", refs) + " (not shown)");
  }

  /** A resolved scalar's text; empty for maps and lists. */
  String resolvedText(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : "";
  }

  /**
   * A plain scalar gets its type from its text, so an interpolated {@code ${PORT}} is an int
   * when the variable holds digits; a quoted or explicitly tagged one keeps its tag.
   */
  private Tag retag(ScalarNode scalar, String newValue) {
    boolean implicit = scalar.isPlain()
        && scalar.getTag().equals(resolver.resolve(NodeId.scalar, scalar.getValue(), true));
    return implicit ? resolver.resolve(NodeId.scalar, newValue, true) : scalar.getTag();
  }

  /** The Java value of a scalar: Integer/Long/BigDecimal, Double, Boolean, null or String. */
  Object scalarValue(ScalarNode node) {
    return scalars.convert(node);
  }

  /** YAML 1.1 scalar semantics (0x1F, 1_000, .inf, yes/no) exactly as snakeyaml's safe loader has them. */
  private static final class Scalars extends SafeConstructor {
    Scalars() {
      super(new LoaderOptions());
    }

    Object convert(ScalarNode node) {
      Tag tag = node.getTag();
      if (!(tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL) || tag.equals(Tag.NULL))) {
        return node.getValue();
      }
      try {
        Object value = constructObject(node);
        return value instanceof BigInteger big ? new BigDecimal(big) : value;
      } catch (RuntimeException e) {
        return node.getValue();
      }
    }
  }
}
