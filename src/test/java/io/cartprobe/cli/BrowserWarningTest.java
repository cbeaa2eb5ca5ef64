package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate warns when a probe has browser steps and no Chromium can be found; the file stays valid. */
class BrowserWarningTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int validate(Map<String, String> environment) throws Exception {
    Files.writeString(dir.resolve("probes.yaml"), """
        environments:
          staging: {vars: {base_url: "http://127.0.0.1:9"}}
        probes:
          - name: page
            type: checkout
            steps:
              - name: pay_on_page
                browser: [{goto: "{{base_url}}/checkout"}]
          - {name: psp, type: gateway-config, request: {url: "{{base_url}}/v1/config"}}
        """);
    CliContext context = new CliContext(environment, dir, Terminal.PLAIN, Clock.systemUTC());
    return Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute("validate");
  }

  @Test
  void withoutChromiumValidateWarnsWithTheInstallLine() throws Exception {
    assertThat(validate(Map.of("PATH", dir.toString()))).isZero();
    assertThat(out.toString()).startsWith("probes.yaml: valid: 2 probes");
    assertThat(err.toString()).isEqualTo("probes.yaml: warning: Chromium not found (CARTPROBE_CHROMIUM"
        + " or PATH); install it with 'apt-get install chromium chromium-driver' or set"
        + " CARTPROBE_CHROMIUM; the browser steps of page will fail with reason browser\n");
  }

  @Test
  void withChromiumThereIsNothingToSay() throws Exception {
    Path fake = Files.createFile(dir.resolve("chromium"));
    fake.toFile().setExecutable(true);
    assertThat(validate(Map.of("CARTPROBE_CHROMIUM", fake.toString()))).isZero();
    assertThat(err.toString()).isEmpty();
  }
}
