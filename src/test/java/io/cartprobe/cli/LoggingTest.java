package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The agent's logs as a pipeline reads them: the configuration run for real, stderr parsed. */
class LoggingTest {

  private final PrintStream realErr = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @AfterEach
  void restore() throws Exception {
    System.setErr(realErr);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  private List<String> lines(Logging.Format format) {
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Logging.configure(format, false);
    var log = LoggerFactory.getLogger("cartprobe.runs");
    log.atWarn()
        .addKeyValue("probe", "checkout")
        .addKeyValue("env", "production")
        .addKeyValue("consecutive_failures", 1)
        .addKeyValue("message", "a key-value cannot hide the message")
        .log("{} @ {} failed at step {}: {}", "checkout", "production", "authorize_payment",
            "expected status 200, got 500");
    log.error("cannot save alert state: {}", "disk full", new IllegalStateException("boom"));
    System.err.flush();
    return new ArrayList<>(captured.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void jsonLogsCarryTheFormattedMessageAnIsoTimestampAndTheKeyValues() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    List<String> lines = lines(Logging.Format.json);

    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode failed = json.readTree(lines.get(0));
    assertThat(failed.path("message").asText())
        .isEqualTo("checkout @ production failed at step authorize_payment: expected status 200, got 500");
    assertThat(failed.path("timestamp").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    assertThat(Instant.parse(failed.path("timestamp").asText())).isBetween(before, Instant.now());
    assertThat(failed.path("level").asText()).isEqualTo("WARN");
    assertThat(failed.path("logger").asText()).isEqualTo("cartprobe.runs");
    assertThat(failed.path("probe").asText()).isEqualTo("checkout");
    assertThat(failed.path("env").asText()).isEqualTo("production");
    assertThat(failed.path("consecutive_failures").isInt()).isTrue();
    assertThat(failed.path("consecutive_failures").asInt()).isEqualTo(1);

    JsonNode error = json.readTree(lines.get(1));
    assertThat(error.path("message").asText()).isEqualTo("cannot save alert state: disk full");
    assertThat(error.path("exception").asText())
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("at io.cartprobe.cli.LoggingTest");
    assertThat(lines).noneMatch(l -> l.contains("{}"));
  }

  @Test
  void textLogsAreOneLineWithAnIsoTimestamp() {
    List<String> lines = lines(Logging.Format.text);

    assertThat(lines.getFirst()).matches(
        "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) WARN  runs - "
            + "checkout @ production failed at step authorize_payment: expected status 200, got 500");
  }
}
