package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How ReadmeIT reads the README and compares: strict on words, loose on times and ids. */
class ReadmeBlocksTest {

  @Test
  void consoleShBlocksAndNamedYamlFilesAreFoundInOrder() {
    var items = ReadmeBlocks.parse("""
        text
        ```yaml
        # broken.yaml
        probes: []
        ```
        ```console
        $ cartprobe run      # once
        PASS  a
        $ echo hi
        hi
        ```
        ```sh
        # a comment
        mvn -B verify
        ```
        ```yaml
        agent: {}
        ```
        """);

    assertThat(items).containsExactly(
        new ReadmeBlocks.File(3, "broken.yaml", "# broken.yaml\nprobes: []\n"),
        new ReadmeBlocks.Command(7, "cartprobe run      # once", List.of("PASS  a"), true),
        new ReadmeBlocks.Command(9, "echo hi", List.of("hi"), true),
        new ReadmeBlocks.Command(14, "mvn -B verify", List.of(), false));
  }

  @Test
  void timesIdsInstantsAndColumnWidthsMayDifferWordsMayNot() {
    List<String> shown = List.of(
        "PASS  checkout @ staging  91ms in steps, 1.08s total  trace 5bc164d33003950c63205aa55597f656",
        "  create_cart   cart-service  ok  201   17ms",
        "  max_latency: expected <= 800ms, at 2026-01-02T03:04:05.120Z, id cart_9286af50ab2ed6aa");

    assertThat(ReadmeBlocks.matches(shown, """
        PASS  checkout @ staging  2.30s in steps, 5.1s total  trace 0123456789abcdef0123456789abcdef
          create_cart      cart-service    ok  201   1.67s
          max_latency: expected <= 1m, at 2026-12-01T22:04:48.066963567Z, id cart_0000aaaabbbbcccc

        """)).isTrue();
    assertThat(ReadmeBlocks.matches(shown, """
        FAIL  checkout @ staging  91ms in steps, 1.08s total  trace 5bc164d33003950c63205aa55597f656
          create_cart   cart-service  ok  201   17ms
          max_latency: expected <= 800ms, at 2026-01-02T03:04:05.120Z, id cart_9286af50ab2ed6aa
        """)).as("a different verdict").isFalse();
    assertThat(ReadmeBlocks.matches(shown, String.join("\n", shown) + "\nnote: one more line"))
        .as("a line the README lacks").isFalse();
  }

  @Test
  void anEllipsisLineStandsForAnyLinesAndAnInlineOneForAnyText() {
    List<String> shown = List.of("first", "...", "{\"active\":[...]}", "last");

    assertThat(ReadmeBlocks.matches(shown, "first\na\nb\n{\"active\":[\"x\",\"y\"]}\nlast")).isTrue();
    assertThat(ReadmeBlocks.matches(shown, "first\n{\"active\":[]}\nlast")).isTrue();
    assertThat(ReadmeBlocks.matches(shown, "first\n{\"known\":[]}\nlast")).isFalse();
  }

  @Test
  void portsAreMappedInUrlsHostPortsAndLogLines() {
    assertThat(ReadmeBlocks.mapPorts(
        "curl localhost:8080/x http://127.0.0.1:8080/y listening on port 8080, 18080", Map.of(8080, 41234)))
        .isEqualTo("curl localhost:41234/x http://127.0.0.1:41234/y listening on port 41234, 18080");
  }
}
