package io.cartprobe.statuspage;

import io.cartprobe.history.AlertTransition;
import io.cartprobe.history.RunHistory;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.testing.Results;
import io.cartprobe.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The demo's picture during the May 9 incident: checkout failing in production, the rest fine. */
final class PageFixture {

  static final Instant T0 = Instant.parse("2026-05-09T09:00:00Z");

  final TestClock clock = new TestClock(T0);
  final RunHistory history = new RunHistory(clock);

  PageFixture() {
    for (int i = 0; i < 120; i++) {
      Instant at = T0.plusSeconds(30L * i);
      Duration jitter = Duration.ofMillis(20L * (i % 7));
      history.record(i >= 112
          ? Results.paymentRejectedAfterSigningChange("checkout", "production", at, Duration.ofMillis(268))
          : Results.ok("checkout", "production", at, Duration.ofMillis(180).plus(jitter)));
      history.record(i % 17 == 5 || i == 119
          ? Results.degraded("checkout", "staging", at, Duration.ofMillis(900))
          : Results.ok("checkout", "staging", at, Duration.ofMillis(150).plus(jitter)));
      if (i % 2 == 0) {
        history.record(Results.ok("gateway-config", "production", at,
            Duration.ofMillis(70)));
        history.record(Results.ok("gateway-health", "production", at,
            Duration.ofMillis(40)));
        history.record(Results.ok("gateway-config", "staging", at, Duration.ofMillis(65)));
      }
    }
    history.recordConfigChange("gateway-config", "production", T0.plusSeconds(30L * 111 + 10),
        List.of(new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\"")));
    history.recordAlert("checkout-failing", "checkout", "production",
        AlertTransition.State.FIRING, T0.plusSeconds(30L * 114));
    clock.advance(Duration.ofSeconds(30L * 120));
  }

  StatusView view() {
    return view(history);
  }

  StatusView view(RunHistory history) {
    return new StatusView(Map.of("location", "eu-west-1"), "0.1.0", clock.instant(),
        ConfigReload.loadedAt(T0), StatusView.DEFAULT_REFRESH, List.of(
            StatusRow.from(history, "checkout", "staging", "checkout", List.of(), Optional.empty()),
            StatusRow.from(history, "gateway-config", "production", "gateway-config", List.of(),
                Optional.empty()),
            StatusRow.from(history, "checkout", "production", "checkout",
                List.of("checkout-failing"), Optional.empty()),
            StatusRow.from(history, "gateway-health", "production", "checkout", List.of(),
                Optional.empty()),
            StatusRow.from(history, "gateway-config", "staging", "gateway-config", List.of(),
                Optional.of("deploy")),
            StatusRow.from(history, "gateway-health", "staging", "checkout", List.of(),
                Optional.empty())));
  }

  StatusRow row(StatusView view, String probe, String env) {
    return view.rows().stream()
        .filter(r -> r.probe().equals(probe) && r.environment().equals(env))
        .findFirst().orElseThrow();
  }

  /** Parses the page as XML: proves it is well-formed, and lets tests ask for elements. */
  static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  static NodeList select(Document doc, String xpath) throws Exception {
    return (NodeList) XPathFactory.newInstance().newXPath()
        .evaluate(xpath, doc, XPathConstants.NODESET);
  }

  static String text(Document doc, String xpath) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
  }
}
