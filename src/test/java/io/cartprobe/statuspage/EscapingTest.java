package io.cartprobe.statuspage;

import static io.cartprobe.statuspage.PageFixture.parse;
import static io.cartprobe.statuspage.PageFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.history.AlertTransition;
import io.cartprobe.history.RunHistory;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.testing.Results;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Whatever a target or the config says can only ever be text on the page. */
class EscapingTest {

  static final String EVIL = "<script>alert(1)</script>\"'&";
  static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";

  final PageFixture fixture = new PageFixture();
  final RunHistory history = new RunHistory(fixture.clock);

  EscapingTest() {
    Instant at = fixture.clock.instant().minusSeconds(20);
    history.record(Results.failedCheckout("checkout" + EVIL, "prod" + EVIL, at,
        Duration.ofMillis(300), Results.step("step" + EVIL, "component" + EVIL).http(500)
            .failed(FailureReason.STATUS, "message" + EVIL).classification("class" + EVIL)
            .excerpt("body" + EVIL).build())
        .withProbableCause(Results.signingChanged("prod" + EVIL, at.minusSeconds(40))));
    history.recordConfigChange("checkout" + EVIL, "prod" + EVIL,
        fixture.clock.instant().minusSeconds(60),
        List.of(new FieldChange("$.path" + EVIL, "\"before" + EVIL + "\"", "\"after" + EVIL + "\"")));
    history.recordAlert("alert" + EVIL, "checkout" + EVIL, "prod" + EVIL,
        AlertTransition.State.FIRING, fixture.clock.instant().minusSeconds(10));
  }

  StatusView view() {
    StatusRow row = StatusRow.from(history, "checkout" + EVIL, "prod" + EVIL, "checkout" + EVIL,
        List.of("alert" + EVIL), Optional.of("reason" + EVIL));
    StatusRow failing = new StatusRow(row.probe(), row.environment(), row.type(),
        StatusState.FAILING, row.summary(), row.latest(), row.firingAlerts(), false,
        Optional.empty(), row.lastConfigChange(), row.probableCause());
    return new StatusView(Map.of("location" + EVIL, "value" + EVIL), "1.0" + EVIL,
        fixture.clock.instant(), ConfigReload.loadedAt(fixture.clock.instant()),
        StatusView.DEFAULT_REFRESH, List.of(row, failing),
        List.of(new UndeliveredNotification("hook" + EVIL, "alert" + EVIL, "why" + EVIL,
            fixture.clock.instant())));
  }

  @Test
  void theStatusPageShowsHostileTextAsText() throws Exception {
    String html = StatusPage.render(view());

    assertNoMarkupInjected(html);
    for (String field : List.of("checkout", "prod", "step", "component", "message", "class",
        "alert", "reason", "location", "value", "$.path", "before", "after", "hook", "why")) {
      assertThat(html).as(field).contains(Markup.escape(field) + ESCAPED);
    }
    Document doc = parse(html);
    assertThat(text(doc, "(//article)[1]//*[@class='step']")).isEqualTo("step" + EVIL);
    assertThat(text(doc, "(//article)[1]//p[@class='msg']")).isEqualTo("message" + EVIL);
    assertThat(text(doc, "(//article)[1]/@data-probe")).isEqualTo("checkout" + EVIL);
  }

  @Test
  void theDetailPageShowsAHostileBodyExcerptAsText() throws Exception {
    StatusView view = view();
    String html = ProbeDetailPage.render(ProbeDetailView.from(history, view, view.rows().get(1)));

    assertNoMarkupInjected(html);
    assertThat(html).contains("body" + ESCAPED).contains("class" + ESCAPED)
        .contains("step" + ESCAPED);
    Document doc = parse(html);
    assertThat(text(doc, "//pre[@class='excerpt']")).isEqualTo("body" + EVIL);
    assertThat(text(doc, "//tr[@data-step]/@data-step")).isEqualTo("create_cart");
    assertThat(text(doc, "//tr[@data-step][2]/@data-step")).isEqualTo("step" + EVIL);
  }

  @Test
  void controlCharactersAndLoneSurrogatesCannotBreakThePage() throws Exception {
    history.record(Results.failedCheckout("p", "e", fixture.clock.instant(), Duration.ofMillis(1),
        Results.step("s", "c").http(500)
            .failed(FailureReason.STATUS, "nul\u0000 bell\u0007 lone\uD800 ok😀")
            .classification("k").excerpt("x\u001b[31m").build()));
    StatusRow row = StatusRow.from(history, "p", "e", "checkout", List.of(), Optional.empty());
    StatusView view = new StatusView(Map.of(), "1", fixture.clock.instant(),
        ConfigReload.loadedAt(fixture.clock.instant()), StatusView.DEFAULT_REFRESH, List.of(row));
    Document doc = parse(ProbeDetailPage.render(ProbeDetailView.from(history, view, row)));
    assertThat(text(doc, "//p[@class='msg']")).isEqualTo("nul\uFFFD bell\uFFFD lone\uFFFD ok😀");
    parse(StatusPage.render(view));
  }

  static void assertNoMarkupInjected(String html) {
    assertThat(html).doesNotContain("<script>alert").doesNotContain("</script>\"");
    assertThat(html.split("<script", -1)).as("only the page's own script").hasSize(2);
  }
}
