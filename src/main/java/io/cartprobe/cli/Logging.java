package io.cartprobe.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The long-running commands' logs: text for people, one JSON object per line for pipelines. */
final class Logging {

  enum Format { text, json }

  private Logging() {}

  static void configure(Format format, boolean verbose) {
    configure(format, verbose ? Level.DEBUG : Level.INFO);
  }

  /** @param level of the root logger: the agent's INFO, or WARN for the demo's terminal */
  static void configure(Format format, Level level) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding: leave its configuration alone
    }
    context.reset();
    Encoder<ILoggingEvent> encoder = switch (format) {
      case json -> new JsonLogEncoder();
      case text -> {
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n");
        yield pattern;
      }
    };
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    root.setLevel(level);
    // OkHttp and Jayway are chatty at debug; their detail is rarely what an SRE wants with -v
    context.getLogger("okhttp3").setLevel(Level.INFO);
    context.getLogger("com.jayway").setLevel(Level.INFO);
  }
}
