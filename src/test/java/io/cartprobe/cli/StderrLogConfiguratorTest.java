package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The logging a one-off command starts with, found by logback itself as a service. */
class StderrLogConfiguratorTest {

  private final PrintStream realErr = System.err;

  @AfterEach
  void restore() {
    System.setErr(realErr);
  }

  @Test
  void logbacksOwnStartUpPicksItAndWarningsGoToStderrOnly() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's logback provider does
    new ContextInitializer(context).autoConfig();

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
        a -> assertThat(a.getTarget()).isEqualTo("System.err"));
    context.getLogger("cartprobe.runs").info("not shown at the default level");
    context.getLogger("cartprobe.runs").warn("checkout @ production: {}", "timed out");
    assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement()
        .asString().matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} WARN  runs - checkout @ production: timed out");
  }

  @Test
  void theLevelComesFromCartprobeLogLevelAndABadOneFallsBackToWarn() {
    assertThat(StderrLogConfigurator.level("debug")).isEqualTo(Level.DEBUG);
    assertThat(StderrLogConfigurator.level("ERROR")).isEqualTo(Level.ERROR);
    assertThat(StderrLogConfigurator.level(null)).isEqualTo(Level.WARN);
    assertThat(StderrLogConfigurator.level("loud")).isEqualTo(Level.WARN);
  }

  @Test
  void anExplicitLogbackConfigurationFileIsLeftToLogback() {
    String before = System.getProperty("logback.configurationFile");
    System.setProperty("logback.configurationFile", "elsewhere.xml");
    try {
      StderrLogConfigurator configurator = new StderrLogConfigurator();
      LoggerContext context = new LoggerContext();
      configurator.setContext(context);
      assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    } finally {
      if (before == null) {
        System.clearProperty("logback.configurationFile");
      } else {
        System.setProperty("logback.configurationFile", before);
      }
    }
  }
}
