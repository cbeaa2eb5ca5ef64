package io.cartprobe.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The top-level probes.yaml as tests run it: the same probes, checks and alerts, with every latency
 * budget and timeout far above what a slow, loaded machine adds (a verdict must not depend on the
 * machine's speed), and the agent on a free port. A test that needs a budget to trip sets one
 * below a delay the demo guarantees (slow-payments sleeps 1.5 s).
 */
public final class DemoProbesYaml {

  public static final String MAX_LATENCY = "60s";
  public static final String DEGRADED_LATENCY = "30s";
  public static final String TIMEOUT = "60s";

  private final Map<String, Object> root;

  private DemoProbesYaml(Map<String, Object> root) {
    this.root = root;
  }

  /** probes.yaml of the project (the working directory of surefire and failsafe), relaxed. */
  public static DemoProbesYaml relaxed() {
    return relaxed(Path.of("probes.yaml"));
  }

  public static DemoProbesYaml relaxed(Path probesYaml) {
    Map<String, Object> root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(probesYaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    map(root, "agent").put("listen", "127.0.0.1:0");
    for (Map<String, Object> probe : list(root, "probes")) {
      probe.put("timeout", TIMEOUT);
      if (probe.get("expect") instanceof Map<?, ?> expect) {
        relax(cast(expect));
      }
      for (String key : List.of("steps", "cleanup")) {
        if (probe.containsKey(key)) {
          for (Map<String, Object> step : list(probe, key)) {
            if (step.get("expect") instanceof Map<?, ?> expect) {
              relax(cast(expect));
            }
          }
        }
      }
    }
    return new DemoProbesYaml(root);
  }

  private static void relax(Map<String, Object> expect) {
    expect.computeIfPresent("max_latency", (k, v) -> MAX_LATENCY);
    expect.computeIfPresent("degraded_latency", (k, v) -> DEGRADED_LATENCY);
  }

  /**
   * Every probe with a {@code matrix:} runs one variant only, the first values as plain vars: for
   * tests written about one checkout per environment, whose counts and headers a matrix would
   * multiply.
   */
  public DemoProbesYaml withoutMatrix() {
    for (Map<String, Object> probe : list(root, "probes")) {
      if (probe.remove("matrix") instanceof Map<?, ?> matrix) {
        Map<String, Object> vars = probe.get("vars") instanceof Map<?, ?> v ? cast(v)
            : new java.util.LinkedHashMap<>();
        matrix.forEach((k, values) -> vars.put((String) k, String.valueOf(((List<?>) values).getFirst())));
        probe.put("vars", vars);
      }
    }
    return this;
  }

  /** Changes the whole document (its root map as in the YAML): alerts, webhooks, agent. */
  public DemoProbesYaml root(Consumer<Map<String, Object>> edit) {
    edit.accept(root);
    return this;
  }

  /** Changes one probe (its map as in the YAML). */
  public DemoProbesYaml probe(String name, Consumer<Map<String, Object>> edit) {
    edit.accept(list(root, "probes").stream().filter(p -> name.equals(p.get("name"))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no probe " + name)));
    return this;
  }

  /** Changes the {@code expect} of one step of a checkout probe. */
  public DemoProbesYaml expect(String probe, String step, Consumer<Map<String, Object>> edit) {
    return probe(probe, p -> edit.accept(map(list(p, "steps").stream()
        .filter(s -> step.equals(s.get("name"))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step " + step)), "expect")));
  }

  public String text() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(200);
    return new Yaml(new Representer(options), options).dump(root);
  }

  /** Writes {@code dir/probes.yaml}; returns its path. */
  public Path writeTo(Path dir) {
    Path file = dir.resolve("probes.yaml");
    try {
      Files.writeString(file, text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return cast((Map<?, ?>) parent.get(key));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    return (List<Map<String, Object>>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
