package io.cartprobe.deploy;

import static io.cartprobe.deploy.KubernetesManifestsTest.list;
import static io.cartprobe.deploy.KubernetesManifestsTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.deploy.KubernetesManifestsTest.Doc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** What each overlay renders: the restricted Pod Security Standard, and the shards. */
class KustomizeOverlaysTest {

  @Test
  void everyContainerOfEveryOverlayMeetsTheRestrictedPodSecurityStandard() throws IOException {
    List<Doc> workloads = KubernetesManifestsTest.workloads();
    assertThat(workloads).extracting(d -> d.file().getFileName().toString()).contains(
        "base", "sidecar", "per-region", "sharded");
    for (Doc w : workloads) {
      Map<String, Object> pod = KubernetesManifestsTest.podSpec(w);
      Map<String, Object> podSecurity = map(pod.get("securityContext"));
      List<Object> containers = new ArrayList<>(list(pod.get("containers")));
      containers.addAll(list(pod.get("initContainers")));
      for (Object o : containers) {
        Map<String, Object> c = map(o);
        Map<String, Object> security = map(c.get("securityContext"));
        String where = w.file() + " " + w.kind() + "/" + w.name() + " container " + c.get("name");
        assertThat(Objects.requireNonNullElse(security.get("runAsNonRoot"), podSecurity.get("runAsNonRoot")))
            .as(where + " runAsNonRoot").isEqualTo(true);
        assertThat(security.get("allowPrivilegeEscalation")).as(where + " allowPrivilegeEscalation")
            .isEqualTo(false);
        assertThat(list(map(security.get("capabilities")).get("drop"))).as(where + " capabilities.drop")
            .containsExactly("ALL");
        assertThat(list(map(security.get("capabilities")).get("add"))).as(where + " capabilities.add")
            .isEmpty();
        Object seccomp = map(Objects.requireNonNullElse(security.get("seccompProfile"),
            podSecurity.get("seccompProfile"))).get("type");
        assertThat(seccomp).as(where + " seccompProfile").isIn("RuntimeDefault", "Localhost");
        assertThat(security.get("readOnlyRootFilesystem")).as(where + " readOnlyRootFilesystem")
            .isEqualTo(true);
        assertThat(security.get("privileged")).as(where).isNotEqualTo(true);
      }
      assertThat(pod.get("hostNetwork")).as(w.name()).isNotEqualTo(true);
      for (Object v : list(pod.get("volumes"))) {
        assertThat(map(v)).as(w.name() + " volume").doesNotContainKey("hostPath");
      }
    }
  }

  @Test
  void theShardedStatefulSetTakesItsShardFromThePodNameAndItsCountFromItsReplicas()
      throws IOException {
    Doc set = KubernetesManifestsTest.workloads().stream()
        .filter(d -> d.kind().equals("StatefulSet")).findFirst().orElseThrow();
    Map<String, Object> c = KubernetesManifestsTest.cartprobe(set);
    assertThat(list(c.get("args"))).containsExactly("agent", "--shard", "auto");
    Object replicas = map(set.body().get("spec")).get("replicas");
    assertThat(KubernetesManifestsTest.env(c)).containsEntry("CARTPROBE_SHARD_COUNT",
        replicas.toString());
    assertThat(list(c.get("env"))).anySatisfy(e -> assertThat(map(e)).containsEntry("name", "POD_NAME")
        .containsEntry("valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.name"))));
    assertThat(map(set.body().get("spec")).get("serviceName")).isEqualTo("cartprobe");
  }

  @Test
  void eachRegionIsScrapedByItsOwnPodMonitorOnly() throws IOException {
    List<Doc> monitors = KubernetesManifestsTest.documents().stream()
        .filter(d -> d.file().endsWith("per-region") && d.kind().equals("PodMonitor")).toList();
    assertThat(monitors).extracting(Doc::name).containsExactlyInAnyOrder(
        "cartprobe-eu-west-1", "cartprobe-us-east-1", "cartprobe-ap-south-1");
    for (Doc m : monitors) {
      String region = m.name().substring("cartprobe-".length());
      assertThat(map(map(map(m.body().get("spec")).get("selector")).get("matchLabels")))
          .containsEntry("cartprobe.io/location", region);
    }
  }
}
