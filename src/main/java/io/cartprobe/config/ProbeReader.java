package io.cartprobe.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code probes:}: the common schedule keys, then the type's own keys. */
final class ProbeReader {

  static final List<String> COMMON_KEYS = List.of("name", "type", "environments", "interval", "timeout",
      "interval_when_failing", "retries", "vars", "tls", "auth");
  static final List<String> CHECKOUT_KEYS = List.of("steps", "cleanup", "matrix");
  static final List<String> GATEWAY_KEYS = List.of("request", "expect", "component", "watch");
  static final List<String> PROVIDER_KEYS = List.of("request", "component", "components");
  static final List<String> TYPES = List.of("checkout", "gateway-config", "provider-status");
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final String DEFAULT_GATEWAY_COMPONENT = "payment-gateway";

  /** Probe names become metric label values and CLI arguments: keep them plain. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final Map<String, Environment> environments;
  private final Names names = new Names("probe");
  private final List<Cursor> gatewayLinks = new ArrayList<>();

  ProbeReader(Map<String, Environment> environments) {
    this.environments = environments;
  }

  /** Every probe name written in the file, read or not. */
  List<String> names() {
    return names.all();
  }

  List<ProbeConfig> read(Cursor c) {
    if (isEmptyList(c)) {
      c.error("no probes defined");
    }
    List<Cursor> items = c.list().orElse(List.of());
    List<ProbeConfig> probes = new ArrayList<>();
    items.forEach(item -> probe(item).ifPresent(probes::add));
    List<String> gatewayProbes = probes.stream().filter(p -> p.type().isEvidence())
        .map(ProbeConfig::name).toList();
    gatewayLinks.forEach(link -> Names.references(link, "gateway-config probe", gatewayProbes));
    return probes;
  }

  /** Nothing or {@code []}; any other non-list is reported by {@link Cursor#list()}. */
  static boolean isEmptyList(Cursor c) {
    return c.isNull() || c.node() instanceof SequenceNode s && s.getValue().isEmpty();
  }

  /** The common part of a probe, shared by both types. */
  private record Common(String name, List<String> environments, Duration interval, Duration timeout,
      Duration intervalWhenFailing, int retries, Map<String, String> vars, ClientSettings client,
      List<Templates.Use> clientTemplates) {}

  private Optional<ProbeConfig> probe(Cursor c) {
    Optional<MapCursor> map = c.map();
    if (map.isEmpty()) {
      return Optional.empty();
    }
    MapCursor m = map.get().allow(Stream.of(COMMON_KEYS, CHECKOUT_KEYS, GATEWAY_KEYS, PROVIDER_KEYS)
        .flatMap(List::stream).distinct().toList());
    Common common = common(m);
    Optional<String> type = m.required("type").flatMap(t -> t.oneOf("probe type", TYPES));
    return type.map(t -> switch (t) {
      case "checkout" -> {
        misplaced(m, GATEWAY_KEYS, "gateway-config");
        misplaced(m, List.of("components"), "provider-status");
        yield checkout(m, common);
      }
      case "provider-status" -> {
        misplaced(m, CHECKOUT_KEYS, "checkout");
        misplaced(m, List.of("expect", "watch"), "gateway-config");
        yield ProviderStatusReader.read(m, common.name(), scopeFor(common), probe -> new ProviderStatusProbe(
            common.name(), common.environments(), common.interval(), common.timeout(),
            common.intervalWhenFailing(), common.retries(), common.vars(), probe.check(),
            probe.components(), common.client()));
      }
      default -> {
        misplaced(m, CHECKOUT_KEYS, "checkout");
        misplaced(m, List.of("components"), "provider-status");
        yield gateway(m, common);
      }
    });
  }

  private Common common(MapCursor m) {
    String name = m.required("name").flatMap(n -> n.name().map(s -> {
      if (!NAME.matcher(s).matches()) {
        n.error("invalid probe name " + n.shown(s) + " (use letters, digits, '_', '.' and '-')");
      }
      names.define(n, s);
      return s;
    })).orElse("");
    List<String> envs = m.get("environments").map(e -> {
      List<String> listed = Names.references(e, "environment", environments.keySet());
      if (e.list().map(List::isEmpty).orElse(false)) {
        e.error("expected at least one environment (leave the key out to run in all)");
      }
      return listed;
    }).orElse(List.copyOf(environments.keySet()));
    Duration interval = m.get("interval").flatMap(Cursor::duration).orElse(DEFAULT_INTERVAL);
    Duration timeout = m.get("timeout").flatMap(Cursor::duration).orElse(DEFAULT_TIMEOUT);
    Duration whenFailing = m.get("interval_when_failing").flatMap(Cursor::duration).orElse(interval);
    int retries = m.get("retries").flatMap(r -> r.integer(0, 5)).orElse(0);
    Map<String, String> vars = m.get("vars").map(Cursor::stringMap).orElse(Map.of());
    List<Templates.Use> clientTemplates = new ArrayList<>();
    ClientSettings client = ClientSettingsReader.read(m, clientTemplates);
    return new Common(name, envs, interval, timeout, whenFailing, retries, vars, client, clientTemplates);
  }

  private static void misplaced(MapCursor m, List<String> keys, String type) {
    for (String key : keys) {
      m.entry(key).ifPresent(e -> m.cursor().session().diagnostics().report(e.keyMark(), e.value().path(),
          "only allowed in " + type + " probes"));
    }
  }

  private CheckoutProbe checkout(MapCursor m, Common common) {
    Names stepNames = new Names("step");
    List<StepReader.Read> steps = new ArrayList<>();
    m.required("steps").ifPresent(s -> {
      if (isEmptyList(s)) {
        s.error("expected at least one step");
      }
      List<Cursor> items = s.list().orElse(List.of());
      items.forEach(item -> steps.add(StepReader.step(item, null)));
    });
    List<StepReader.Read> cleanup = new ArrayList<>();
    m.get("cleanup").flatMap(Cursor::list).ifPresent(items -> {
      for (int i = 0; i < items.size(); i++) {
        cleanup.add(StepReader.step(items.get(i), "cleanup-" + (i + 1)));
      }
    });
    Stream.concat(steps.stream(), cleanup.stream())
        .filter(r -> !r.step().name().isEmpty())
        .forEach(r -> stepNames.define(r.at(), r.step().name()));
    Matrix matrix = m.get("matrix").map(c -> MatrixReader.read(c, taken(common, steps)))
        .orElse(Matrix.NONE);
    checkTemplates(common, matrix, steps, cleanup);
    steps.forEach(r -> r.gatewayAt().ifPresent(gatewayLinks::add));
    return new CheckoutProbe(common.name(), common.environments(), common.interval(), common.timeout(),
        common.intervalWhenFailing(), common.retries(), common.vars(),
        steps.stream().map(StepReader.Read::step).toList(), cleanup.stream().map(StepReader.Read::step).toList(),
        common.client(), matrix);
  }

  private MatrixReader.Taken taken(Common common, List<StepReader.Read> steps) {
    Set<String> vars = new LinkedHashSet<>(common.vars().keySet());
    common.environments().stream().map(environments::get).filter(java.util.Objects::nonNull)
        .forEach(e -> vars.addAll(e.vars().keySet()));
    Map<String, String> extractedBy = new LinkedHashMap<>();
    steps.forEach(r -> r.step().extract().keySet().forEach(k -> extractedBy.putIfAbsent(k, r.step().name())));
    return new MatrixReader.Taken(vars, extractedBy);
  }

  /** Step i sees what steps before it extracted; cleanup sees everything any step extracted. */
  private void checkTemplates(Common common, Matrix matrix, List<StepReader.Read> steps,
      List<StepReader.Read> cleanup) {
    List<Environment> envs = common.environments().stream().map(environments::get).toList();
    if (envs.isEmpty()) {
      return; // already an error; every name would look unknown
    }
    Set<String> probeVars = new LinkedHashSet<>(common.vars().keySet());
    probeVars.addAll(matrix.values().keySet());
    // The probe's own auth runs before any step has extracted anything.
    var probeScope = new Templates.Scope(envs, probeVars, Set.of(), Map.of());
    common.clientTemplates().forEach(u -> Templates.check(u, probeScope));
    Set<String> available = new LinkedHashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      Map<String, String> later = new LinkedHashMap<>();
      for (StepReader.Read r : steps.subList(i, steps.size())) {
        r.step().extract().keySet().forEach(k -> later.putIfAbsent(k, r.step().name()));
      }
      var scope = new Templates.Scope(envs, probeVars, Set.copyOf(available), later);
      steps.get(i).templates().forEach(u -> Templates.check(u, scope));
      available.addAll(steps.get(i).step().extract().keySet());
    }
    var cleanupScope = new Templates.Scope(envs, probeVars, available, Map.of());
    cleanup.forEach(r -> r.templates().forEach(u -> Templates.check(u, cleanupScope)));
  }

  /** The template scope of a one-request probe: its environments' vars and secrets; empty if none. */
  private Optional<Templates.Scope> scopeFor(Common common) {
    List<Environment> envs = common.environments().stream().map(environments::get).toList();
    if (envs.isEmpty()) {
      return Optional.empty();
    }
    var scope = new Templates.Scope(envs, common.vars().keySet(), Set.of(), Map.of());
    common.clientTemplates().forEach(u -> Templates.check(u, scope));
    return Optional.of(scope);
  }

  private GatewayConfigProbe gateway(MapCursor m, Common common) {
    List<Templates.Use> uses = new ArrayList<>();
    RequestSpec request = m.required("request").map(r -> StepReader.request(r, uses))
        .orElse(StepReader.placeholderRequest());
    Expect expect = m.get("expect").map(ExpectReader::expect).orElse(Expect.defaults());
    String component = m.get("component").flatMap(Cursor::string).orElse(DEFAULT_GATEWAY_COMPONENT);
    List<String> watch = new ArrayList<>();
    m.get("watch").flatMap(Cursor::list).ifPresent(items -> items.forEach(item ->
        item.string().ifPresent(p -> JsonPaths.compile(item, p).ifPresent(x -> watch.add(p)))));
    List<Environment> envs = common.environments().stream().map(environments::get).toList();
    if (!envs.isEmpty()) {
      var scope = new Templates.Scope(envs, common.vars().keySet(), Set.of(), Map.of());
      uses.forEach(u -> Templates.check(u, scope));
      common.clientTemplates().forEach(u -> Templates.check(u, scope));
    }
    Step check = new Step(common.name(), component, request, expect, Map.of(), List.of());
    return new GatewayConfigProbe(common.name(), common.environments(), common.interval(), common.timeout(),
        common.intervalWhenFailing(), common.retries(), common.vars(), check, watch, common.client());
  }
}
