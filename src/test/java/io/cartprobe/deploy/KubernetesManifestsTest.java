package io.cartprobe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests in deploy/kubernetes agree with the image (Dockerfile) and with the config:
 * the port, the probe paths, the user, the read-only root, the mounts, and a probes.yaml that
 * the real loader accepts. What is checked is what {@code kubectl kustomize} renders of the base
 * and each overlay (Debian package {@code kubectl}; no cluster needed).
 */
class KubernetesManifestsTest {

  static final Path DIR = Path.of("deploy/kubernetes");
  static final int PORT = 9781;
  static final long UID = 10001;
  static final String CONFIG_DIR = "/etc/cartprobe";
  static final String CONFIG_FILE = CONFIG_DIR + "/probes.yaml";
  static final String STATE_DIR = "/var/lib/cartprobe";

  @TempDir Path tmp;

  record Doc(Path file, Map<String, Object> body) {
    String kind() {
      return (String) body.get("kind");
    }

    String name() {
      return (String) map(body.get("metadata")).get("name");
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }

  /** The kustomizations a user applies: the base and each overlay. */
  static final List<Path> RENDERED = List.of(DIR.resolve("base"), DIR.resolve("overlays/sidecar"),
      DIR.resolve("overlays/per-region"), DIR.resolve("overlays/sharded"));

  /** Every document of every kustomization, rendered by the real {@code kubectl kustomize}. */
  static List<Doc> documents() throws IOException {
    List<Doc> docs = new ArrayList<>();
    for (Path dir : RENDERED) {
      for (Object o : new Yaml().loadAll(Kustomize.render(dir))) {
        if (o != null) {
          docs.add(new Doc(dir, map(o)));
        }
      }
    }
    return docs;
  }

  static List<Doc> workloads() throws IOException {
    return documents().stream()
        .filter(d -> d.kind().equals("Deployment") || d.kind().equals("StatefulSet")).toList();
  }

  static Map<String, Object> podSpec(Doc workload) {
    return map(map(map(workload.body().get("spec")).get("template")).get("spec"));
  }

  static Map<String, Object> cartprobe(Doc workload) {
    return list(podSpec(workload).get("containers")).stream().map(KubernetesManifestsTest::map)
        .filter(c -> "cartprobe".equals(c.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError(workload.name() + " has no container named cartprobe"));
  }

  static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> env = new HashMap<>();
    for (Object e : list(container.get("env"))) {
      Object value = map(e).get("value");
      if (value != null) {
        env.put((String) map(e).get("name"), value.toString());
      }
    }
    return env;
  }

  static Doc find(List<Doc> docs, Path file, String kind, String name) {
    return docs.stream().filter(d -> d.file().equals(file) && d.kind().equals(kind) && d.name().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(file + ": no " + kind + " named " + name));
  }

  /** The volume a mount path comes from. */
  static Map<String, Object> volumeAt(Doc workload, Map<String, Object> container, String mountPath) {
    String volume = list(container.get("volumeMounts")).stream().map(KubernetesManifestsTest::map)
        .filter(m -> mountPath.equals(m.get("mountPath"))).map(m -> (String) m.get("name")).findFirst()
        .orElseThrow(() -> new AssertionError(workload.name() + ": nothing mounted at " + mountPath));
    return list(podSpec(workload).get("volumes")).stream().map(KubernetesManifestsTest::map)
        .filter(v -> volume.equals(v.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError(workload.name() + ": no volume " + volume));
  }

  @Test
  void theDockerfileSaysWhatTheManifestsAssume() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertThat(dockerfile)
        .containsPattern("(?m)^EXPOSE " + PORT + "$")
        .containsPattern("(?m)^USER " + UID + "(:" + UID + ")?$")
        .contains("CARTPROBE_CONFIG=" + CONFIG_FILE)
        .containsPattern("(?m)^VOLUME \\[\"" + STATE_DIR + "\"]$")
        .contains("\"-jar\", \"/opt/cartprobe/cartprobe.jar\"]")
        .containsPattern("(?m)^CMD \\[\"agent\"]$");
  }

  @Test
  void thereAreASidecarAndOneDeploymentPerRegion() throws IOException {
    List<Doc> workloads = workloads();
    assertThat(workloads).extracting(Doc::name).contains("shop")
        .filteredOn(n -> n.startsWith("cartprobe-")).hasSizeGreaterThanOrEqualTo(2);
    Doc shop = workloads.stream().filter(w -> w.name().equals("shop")).findFirst().orElseThrow();
    assertThat(list(podSpec(shop).get("containers"))).hasSizeGreaterThanOrEqualTo(2);
    List<String> locations = workloads.stream().filter(w -> w.name().startsWith("cartprobe-"))
        .map(w -> env(cartprobe(w)).get("CARTPROBE_LOCATION")).toList();
    assertThat(locations).doesNotContainNull().doesNotHaveDuplicates();
  }

  @Test
  void everyCartprobeContainerMatchesTheImage() throws IOException {
    for (Doc w : workloads()) {
      Map<String, Object> c = cartprobe(w);
      Map<String, Object> pod = podSpec(w);
      String where = w.file() + " " + w.name();

      List<Map<String, Object>> ports = list(c.get("ports")).stream().map(KubernetesManifestsTest::map).toList();
      assertThat(ports).as(where).anySatisfy(p -> assertThat(p.get("containerPort")).isEqualTo(PORT));
      Map<String, Object> portNames = new HashMap<>();
      ports.forEach(p -> portNames.put((String) p.get("name"), p.get("containerPort")));

      assertProbe(where, c, "livenessProbe", "/healthz", portNames);
      assertProbe(where, c, "readinessProbe", "/readyz", portNames);
      if (c.containsKey("startupProbe")) {
        assertProbe(where, c, "startupProbe", "/healthz", portNames);
      }

      // the user: set on the container or the pod
      Map<String, Object> podSecurity = map(pod.get("securityContext"));
      Map<String, Object> security = map(c.get("securityContext"));
      assertThat(Objects.requireNonNullElse(security.get("runAsNonRoot"), podSecurity.get("runAsNonRoot")))
          .as(where + " runAsNonRoot").isEqualTo(true);
      assertThat(((Number) Objects.requireNonNullElse(security.get("runAsUser"), podSecurity.get("runAsUser")))
          .longValue()).as(where + " runAsUser").isEqualTo(UID);
      assertThat(security.get("readOnlyRootFilesystem")).as(where + " readOnlyRootFilesystem").isEqualTo(true);
      assertThat(security.get("allowPrivilegeEscalation")).as(where).isEqualTo(false);
      assertThat(((Number) podSecurity.get("fsGroup")).longValue()).as(where + " fsGroup").isEqualTo(UID);

      assertThat(env(c)).as(where).containsEntry("CARTPROBE_CONFIG", CONFIG_FILE);
      assertThat(volumeAt(w, c, CONFIG_DIR)).as(where).containsKey("configMap");
      Map<String, Object> state = volumeAt(w, c, STATE_DIR);
      assertThat(state.containsKey("emptyDir") || state.containsKey("persistentVolumeClaim"))
          .as(where + ": a writable volume at " + STATE_DIR + ": " + state).isTrue();
      assertThat(map(c.get("resources")).get("limits")).as(where + " memory limit")
          .satisfies(l -> assertThat(map(l)).containsKey("memory"));

      Map<String, Object> annotations = map(map(map(w.body().get("spec")).get("template")).get("metadata"));
      assertThat(map(annotations.get("annotations")))
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/port", Integer.toString(PORT))
          .containsEntry("prometheus.io/path", "/metrics");
    }
  }

  private static void assertProbe(String where, Map<String, Object> c, String probe, String path,
      Map<String, Object> portNames) {
    Map<String, Object> http = map(map(c.get(probe)).get("httpGet"));
    assertThat(http.get("path")).as(where + " " + probe).isEqualTo(path);
    Object port = http.get("port");
    Object resolved = port instanceof String name ? portNames.get(name) : port;
    assertThat(resolved).as(where + " " + probe + " port").isEqualTo(PORT);
  }

  @Test
  void podMonitorsScrapeTheCartprobePort() throws IOException {
    List<Doc> docs = documents();
    List<Doc> monitors = docs.stream().filter(d -> d.kind().equals("PodMonitor")).toList();
    assertThat(monitors).isNotEmpty();
    for (Doc m : monitors) {
      Map<String, Object> spec = map(m.body().get("spec"));
      Map<String, Object> selector = map(map(spec.get("selector")).get("matchLabels"));
      List<Doc> selected = docs.stream().filter(d -> d.file().equals(m.file())
              && (d.kind().equals("Deployment") || d.kind().equals("StatefulSet")))
          .filter(d -> map(map(map(d.body().get("spec")).get("template")).get("metadata")).get("labels") instanceof Map<?, ?> l
              && l.entrySet().containsAll(selector.entrySet()))
          .toList();
      assertThat(selected).as(m.name() + " selects a workload").isNotEmpty();
      for (Object endpoint : list(spec.get("podMetricsEndpoints"))) {
        assertThat(map(endpoint).get("path")).isEqualTo("/metrics");
        for (Doc w : selected) {
          assertThat(list(cartprobe(w).get("ports"))).as(m.name() + " port name in " + w.name())
              .anySatisfy(p -> assertThat(map(p)).containsEntry("name", map(endpoint).get("port"))
                  .containsEntry("containerPort", PORT));
        }
      }
    }
  }

  @Test
  void theConfigMapsProbesYamlLoads() throws IOException, ConfigException {
    List<Doc> docs = documents();
    for (Doc w : workloads()) {
      Map<String, Object> c = cartprobe(w);
      String configMap = (String) map(volumeAt(w, c, CONFIG_DIR).get("configMap")).get("name");
      String yaml = (String) map(find(docs, w.file(), "ConfigMap", configMap).body().get("data")).get("probes.yaml");
      assertThat(yaml).as(w.name() + ": ConfigMap " + configMap + " has probes.yaml").isNotNull();

      // The Secret's keys become files, as the kubelet mounts them; ${file:...} reads them.
      String mount = list(c.get("volumeMounts")).stream().map(KubernetesManifestsTest::map)
          .filter(m -> volumeAt(w, c, (String) m.get("mountPath")).containsKey("secret"))
          .map(m -> (String) m.get("mountPath")).findFirst().orElseThrow();
      String secret = (String) map(volumeAt(w, c, mount).get("secret")).get("secretName");
      Path secrets = Files.createDirectories(tmp.resolve(w.name()));
      map(find(docs, w.file(), "Secret", secret).body().get("stringData"))
          .forEach((k, v) -> write(secrets.resolve(k), v + "\n"));
      assertThat(yaml).contains("${file:" + mount + "/");
      String local = yaml.replace("${file:" + mount + "/", "${file:" + secrets + "/");

      CartprobeConfig config = new ConfigLoader(env(c)).parse(w.name() + "/probes.yaml", local, secrets);
      assertThat(config.agent().listenPort()).as(w.name()).isEqualTo(PORT);
      assertThat(config.agent().listenHost()).as(w.name() + ": reachable from outside the pod").isEqualTo("0.0.0.0");
      assertThat(config.agent().stateFile()).as(w.name())
          .hasValueSatisfying(p -> assertThat(p.toString()).startsWith(STATE_DIR + "/"));
      assertThat(config.agent().labels()).as(w.name())
          .containsEntry("location", env(c).getOrDefault("CARTPROBE_LOCATION", "in-pod"));
      assertThat(config.probes()).isNotEmpty();
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
