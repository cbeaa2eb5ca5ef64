package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A port someone else holds: the command says which address, and how to pick another. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)  // a command that did bind would serve forever
class PortTakenTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private ServerSocket taken;

  @BeforeEach
  void take() throws Exception {
    taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
  }

  @AfterEach
  void release() throws Exception {
    taken.close();
  }

  private int execute(String... args) {
    CliContext context = new CliContext(Map.of(), dir, Terminal.PLAIN, Clock.systemUTC());
    return Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void theAgentNamesTheAddressItCannotListenOn() throws Exception {
    Files.writeString(dir.resolve("probes.yaml"), """
        environments:
          production:
            vars: {base_url: "http://127.0.0.1:9"}
        probes:
          - name: checkout
            type: checkout
            steps:
              - name: create_cart
                component: cart-service
                request: {method: POST, url: "{{base_url}}/api/carts", json: {sku: A}}
        """);
    int port = taken.getLocalPort();

    assertThat(execute("agent", "--listen", "127.0.0.1:" + port)).isEqualTo(2);

    assertThat(err.toString()).isEqualTo("cartprobe: error: agent: cannot listen on 127.0.0.1:"
        + port + ": Address already in use (another agent running? choose another address with "
        + "--listen HOST:PORT or agent.listen)\n");
  }

  @Test
  void theDemoShopNamesItsPort() {
    int port = taken.getLocalPort();

    assertThat(execute("demo", "--port", Integer.toString(port), "--no-agent")).isEqualTo(2);

    assertThat(err.toString()).isEqualTo("cartprobe: error: demo shop: cannot listen on 127.0.0.1:"
        + port + ": Address already in use (choose another port with --port N, 0 for a free one)\n");
  }

  @Test
  void theDemoAgentNamesItsPort() {
    int port = taken.getLocalPort();

    assertThat(execute("demo", "--port", "0", "--agent-port", Integer.toString(port))).isEqualTo(2);

    // The banner comes once everything listens: the shop started, the agent could not.
    assertThat(out.toString()).doesNotContain("status page");
    assertThat(err.toString()).isEqualTo("cartprobe: error: agent: cannot listen on 127.0.0.1:"
        + port + ": Address already in use (choose another port with --agent-port N, 0 for a free one)\n");
  }
}
