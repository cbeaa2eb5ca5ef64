package io.cartprobe.statuspage;

import static io.cartprobe.statuspage.PageFixture.parse;
import static io.cartprobe.statuspage.PageFixture.select;
import static io.cartprobe.statuspage.PageFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.testing.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class StatusPageTest {

  final PageFixture fixture = new PageFixture();

  @Test
  void theFailingCheckoutRowComesFirstAndSaysWhatWhereSinceWhenAndWhy() throws Exception {
    Document doc = parse(StatusPage.render(fixture.view()));

    String first = "(//article[contains(@class,'card')])[1]";
    assertThat(text(doc, first + "/@data-probe")).isEqualTo("checkout");
    assertThat(text(doc, first + "/@data-env")).isEqualTo("production");
    assertThat(text(doc, first + "/@data-state")).isEqualTo("failing");
    assertThat(text(doc, first + "//span[contains(@class,'badge')]")).contains("✕").contains("failing");
    assertThat(text(doc, first + "//*[@class='step']")).isEqualTo("authorize_payment");
    assertThat(text(doc, first + "//*[@class='component']")).isEqualTo("payment-gateway");
    assertThat(text(doc, first + "//p[@class='why']")).contains("status")
        .contains("gateway_rejected").contains("HTTP 500");
    assertThat(text(doc, first + "//p[@class='msg']")).isEqualTo("status: expected 200, got 500");
    assertThat(text(doc, first + "//p[@class='since']"))
        .contains("failing since 09:56:00Z").contains("4m").contains("8 runs");
    assertThat(text(doc, first + "//p[@class='cause']")).contains("Probable cause")
        .contains("gateway-config changed $.request_signing");
    assertThat(text(doc, first + "//ul[@class='alerts']/li/@data-alert"))
        .isEqualTo("checkout-failing");
    assertThat(text(doc, first + "//details[@class='change']//del")).isEqualTo("\"hmac-sha256\"");
    assertThat(text(doc, first + "//details[@class='change']//ins"))
        .isEqualTo("\"rsa-pss-sha512\"");
    assertThat(text(doc, first + "//h2/a/@href")).isEqualTo("/probes/checkout/production");
    assertThat(text(doc, first + "//div[@class='trace']/code")).matches("[0-9a-f]{32}");
  }

  @Test
  void theHeaderCountsStatesAndEveryStateHasAnIconAndAWord() throws Exception {
    StatusView view = fixture.view();
    Document doc = parse(StatusPage.render(view));

    assertThat(text(doc, "//h1[@id='headline']"))
        .isEqualTo("1 failing, 1 degraded, 1 silenced, 1 no data yet, 2 passing");
    assertThat(text(doc, "/html/head/title")).isEqualTo("✕ 1 failing · cartprobe");
    assertThat(select(doc, "//article").getLength()).isEqualTo(6);
    List<String> order = List.of("failing", "degraded", "silenced", "no-data", "passing",
        "passing");
    for (int i = 0; i < order.size(); i++) {
      assertThat(text(doc, "(//article)[" + (i + 1) + "]/@data-state")).isEqualTo(order.get(i));
    }
    for (StatusState state : StatusState.values()) {
      assertThat(text(doc, "//article[@data-state='" + state.cssName() + "']"
          + "//span[contains(@class,'badge')]")).isEqualTo(state.icon() + state.label());
    }
    assertThat(text(doc, "//article[@data-state='silenced']//p[@class='silence']"))
        .contains("silenced: deploy");
  }

  @Test
  void rowsCarryTheHourlyNumbersAndInlineCharts() throws Exception {
    Document doc = parse(StatusPage.render(fixture.view()));
    String checkout = "//article[@data-probe='checkout' and @data-env='production']";

    // 120 runs at 30 s, the first exactly an hour ago (the window includes its edge): 112 passed.
    assertThat(text(doc, checkout + "//dl[@class='stats']")).contains("success 1h")
        .contains("93.3% of 120").contains("p95 1h").contains("ago");
    assertThat(select(doc, checkout + "//*[local-name()='svg' and @class='spark']/*[local-name()='polyline']")
        .getLength()).isEqualTo(1);
    assertThat(select(doc, checkout + "//*[local-name()='svg' and @class='strip']/*[local-name()='rect']")
        .getLength()).isEqualTo(60);
    assertThat(select(doc, checkout + "//*[@class='bar failing']").getLength()).isEqualTo(8);
    assertThat(text(doc, checkout + "//*[@class='strip']/@aria-label"))
        .isEqualTo("last 60 runs: 52 passed, 0 degraded, 8 failed");
    assertThat(select(doc, "//article[@data-state='no-data']//*[local-name()='svg']").getLength())
        .isZero();
  }

  @Test
  void aSingleRunIsCountedInTheSingular() throws Exception {
    RunHistory one = new RunHistory(fixture.clock);
    one.record(Results.paymentRejected("checkout", "production", fixture.clock.instant().minusSeconds(30),
        Duration.ofMillis(268)));
    Document doc = parse(StatusPage.render(fixture.view(one)));
    String checkout = "//article[@data-probe='checkout' and @data-env='production']";

    assertThat(text(doc, checkout + "//*[@class='strip']/@aria-label"))
        .isEqualTo("last 1 run: 0 passed, 0 degraded, 1 failed");
    assertThat(text(doc, checkout + "//*[@class='spark']/@aria-label"))
        .startsWith("duration of the last 1 run, slowest ");
    assertThat(text(doc, checkout + "//figure[1]/figcaption")).isEqualTo("latency, last 1 run");
    assertThat(text(doc, checkout + "//p[@class='since']")).endsWith(", 1 run)");
  }

  @Test
  void theMatrixShowsEveryProbeInEveryEnvironment() throws Exception {
    Document doc = parse(StatusPage.render(fixture.view()));
    assertThat(text(doc, "//table[@class='matrix']/thead")).contains("production")
        .contains("staging");
    assertThat(text(doc, "//table[@class='matrix']//tr[th='checkout']/td[1]"))
        .isEqualTo("✕ failing");
    assertThat(text(doc, "//table[@class='matrix']//tr[th='checkout']/td[1]/a/@href"))
        .isEqualTo("#row-checkout--production");
  }

  @Test
  void thePageIsSelfContainedAndRefreshesWithoutFlicker() {
    String html = StatusPage.render(fixture.view());
    assertThat(html).doesNotContain("<link").doesNotContain(" src=").doesNotContain("@import")
        .doesNotContain("url(");
    assertThat(html).contains("<meta name=\"viewport\"")
        .contains("<noscript><meta http-equiv=\"refresh\" content=\"15\"/></noscript>")
        .contains("prefers-color-scheme: dark")
        .contains("visibilitychange").contains("document.hidden")
        .contains("main.innerHTML = fresh.innerHTML");
    assertThat(html.split("<script", -1)).hasSize(2); // exactly one, the page's own
  }

  @Test
  void aRejectedReloadIsShownWithoutItsText() throws Exception {
    StatusView view = fixture.view();
    StatusView rejected = new StatusView(view.agentLabels(), view.version(), view.generatedAt(),
        ConfigReload.rejectedAt(view.generatedAt(), 2), view.refresh(), view.rows());
    Document doc = parse(StatusPage.render(rejected));
    assertThat(text(doc, "//*[@role='alert']")).contains("reload rejected").contains("2 errors");
  }

  @Test
  void notificationsGivenUpOnAreShownAtTheTop() throws Exception {
    StatusView view = fixture.view();
    assertThat(StatusPage.render(view)).doesNotContain("could not be delivered");
    StatusView undelivered = new StatusView(view.agentLabels(), view.version(), view.generatedAt(),
        view.reload(), view.refresh(), view.rows(), List.of(new UndeliveredNotification(
            "oncall", "checkout-failing", "HTTP 400", view.generatedAt())));

    Document doc = parse(StatusPage.render(undelivered));

    assertThat(text(doc, "//section[@class='undelivered']/h2"))
        .isEqualTo("⚠ 1 notification could not be delivered");
    assertThat(text(doc, "//section[@class='undelivered']//li"))
        .startsWith("checkout-failing → webhook oncall: HTTP 400");
  }

  @Test
  void anAgentWithoutProbesSaysSo() throws Exception {
    StatusView view = fixture.view();
    StatusView none = new StatusView(Map.of(), "0.1.0", view.generatedAt(), view.reload(),
        view.refresh(), List.of());
    assertThat(text(parse(StatusPage.render(none)), "//p[@class='empty']"))
        .contains("No probes");
  }

  @Test
  void probePathsRoundTrip() {
    assertThat(Links.probePath("check out+1", "prod/eu")).isEqualTo("/probes/check%20out%2B1/prod%2Feu");
    assertThat(Links.parseProbePath("/probes/check%20out%2B1/prod%2Feu"))
        .hasValue(new HistoryKey("check out+1", "prod/eu"));
    assertThat(Links.parseProbePath("/probes/checkout")).isEmpty();
    assertThat(Links.parseProbePath("/probes/a/b/c")).isEmpty();
  }

  /** Leaves the pages under target/ for a look in a browser (and a headless screenshot). */
  @Test
  void writesSamplePagesForABrowser() throws Exception {
    StatusView view = fixture.view();
    String page = StatusPage.render(view);
    StatusRow checkout = fixture.row(view, "checkout", "production");
    String detail = ProbeDetailPage.render(ProbeDetailView.from(fixture.history, view, checkout));
    Path dir = Path.of("target");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("status-page-sample.html"), page);
    Files.writeString(dir.resolve("status-page-detail-sample.html"), detail);
    assertThat(dir.resolve("status-page-sample.html")).content().contains("authorize_payment");
  }
}
