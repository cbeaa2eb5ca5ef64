package io.cartprobe.cli;

import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code run -o junit}: one test suite per probe × environment, one test case per step, the
 * failed step carrying reason, expected vs actual and the redacted body: what CI systems show.
 */
final class JunitReport {

  private JunitReport() {}

  static void print(PrintWriter out, List<ProbeResult> results) throws XMLStreamException {
    StringWriter buffer = new StringWriter();
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(buffer);
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeCharacters("\n");
    xml.writeStartElement("testsuites");
    xml.writeAttribute("name", "cartprobe");
    xml.writeAttribute("tests", Integer.toString(results.stream().mapToInt(r -> r.steps().size()).sum()));
    xml.writeAttribute("failures", Long.toString(results.stream().filter(ProbeResult::failed).count()));
    for (ProbeResult result : results) {
      writeSuite(xml, result);
    }
    xml.writeCharacters("\n");
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.close();
    out.println(buffer);
  }

  private static void writeSuite(XMLStreamWriter xml, ProbeResult result) throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", result.title());
    xml.writeAttribute("tests", Integer.toString(result.steps().size()));
    xml.writeAttribute("failures", result.verdict() == Verdict.FAILURE ? "1" : "0");
    xml.writeAttribute("skipped",
        Long.toString(result.steps().stream().filter(s -> s.status() == StepStatus.SKIPPED).count()));
    xml.writeAttribute("time", seconds(result.duration()));
    xml.writeAttribute("timestamp", result.startedAt().toString());
    xml.writeCharacters("\n    ");
    xml.writeStartElement("properties");
    property(xml, "trace_id", result.traceId());
    property(xml, "verdict", result.verdict().wireName());
    property(xml, "attempts", Integer.toString(result.attempts()));
    xml.writeEndElement();
    for (StepResult step : result.steps()) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", result.probe() + "." + result.environment()
          + (result.variant().isEmpty() ? "" : "." + result.variant()));
      xml.writeAttribute("name", step.name());
      xml.writeAttribute("time", seconds(step.duration()));
      switch (step.status()) {
        case FAILED -> writeFailure(xml, step, result.failure());
        case SKIPPED -> {
          xml.writeStartElement("skipped");
          xml.writeAttribute("message", "an earlier step failed");
          xml.writeEndElement();
        }
        case PASSED, DEGRADED -> { }
      }
      xml.writeEndElement();
    }
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  private static void writeFailure(XMLStreamWriter xml, StepResult step,
      java.util.Optional<Failure> failure) throws XMLStreamException {
    xml.writeStartElement("failure");
    String reason = step.reason().map(r -> r.wireName()).orElse("failure");
    xml.writeAttribute("type", reason);
    // the reason is the type; the message names its own check ("expected status 200, got 500")
    xml.writeAttribute("message", step.component() + ": " + step.message().orElse(reason));
    StringBuilder text = new StringBuilder();
    failure.ifPresent(f -> {
      f.classification().ifPresent(c -> text.append("classified as: ").append(c).append('\n'));
      f.expected().ifPresent(e -> text.append("expected: ").append(e).append('\n'));
      f.actual().ifPresent(a -> text.append("actual: ").append(a).append('\n'));
    });
    text.append(step.method()).append(' ').append(step.url()).append('\n');
    step.bodyExcerpt().ifPresent(b -> text.append("body: ").append(b).append('\n'));
    xml.writeCharacters(text.toString());
    xml.writeEndElement();
  }

  private static void property(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeStartElement("property");
    xml.writeAttribute("name", name);
    xml.writeAttribute("value", value);
    xml.writeEndElement();
  }

  private static String seconds(java.time.Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
  }
}
