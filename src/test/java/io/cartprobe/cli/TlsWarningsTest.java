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

/** validate and list accept insecure_skip_verify and warn about it like a compiler, on stderr. */
class TlsWarningsTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CliContext context = new CliContext(Map.of(), dir, Terminal.PLAIN, Clock.systemUTC());
    return Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  @Test
  void validateAndListWarnWhereVerificationIsOff() throws Exception {
    Files.writeString(dir.resolve("probes.yaml"), """
        environments:
          staging:
            vars: {api: "https://127.0.0.1:9"}
            tls: {insecure_skip_verify: true}
        probes:
          - {name: psp, type: gateway-config, request: {url: "{{api}}/v1/config"}}
        """);
    String warning = "probes.yaml:4:33: warning: environments.staging.tls.insecure_skip_verify: TLS certificate "
        + "verification is off: any server is trusted here, so an impostor or an expired certificate goes unnoticed\n";

    assertThat(execute("validate")).isZero();
    assertThat(out.toString()).startsWith("probes.yaml: valid: 1 probe");
    assertThat(err.toString()).isEqualTo(warning);

    err.getBuffer().setLength(0);
    assertThat(execute("list")).isZero();
    assertThat(out.toString()).contains("psp");
    assertThat(err.toString()).isEqualTo(warning);
  }
}
