package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** insecure_skip_verify is said in the agent's log and on its status page, not only by validate. */
class InsecureTlsWarningTest {

  private static final String YAML = """
      environments:
        production:
          vars: {api: "https://127.0.0.1:9"}
      probes:
        - name: psp
          type: gateway-config
          interval: 1h
          tls: {insecure_skip_verify: true}
          request: {url: "{{api}}/v1/config"}
        - name: shop
          type: gateway-config
          interval: 1h
          request: {url: "{{api}}/health"}
      """;

  @Test
  void theLogAndTheStatusPageNameEveryPairWithVerificationOff() throws Exception {
    CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", YAML, Path.of("."));
    Logger logger = (Logger) LoggerFactory.getLogger(Agent.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try (Agent agent = new Agent(() -> config, config, Clock.systemUTC(),
        Optional.of(new InetSocketAddress("127.0.0.1", 0)))) {
      agent.start();
      String page = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/")).build(),
          HttpResponse.BodyHandlers.ofString()).body();

      String warning = "TLS certificate verification is off (insecure_skip_verify) for psp @ production";
      assertThat(page).contains(warning).doesNotContain("shop @ production");
      assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).isEqualTo(warning));

      agent.reload();
      assertThat(logged.list.stream().filter(e -> e.getFormattedMessage().equals(warning))).hasSize(2);
    } finally {
      logger.detachAppender(logged);
    }
  }
}
