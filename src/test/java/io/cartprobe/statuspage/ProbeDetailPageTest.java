package io.cartprobe.statuspage;

import static io.cartprobe.statuspage.PageFixture.parse;
import static io.cartprobe.statuspage.PageFixture.select;
import static io.cartprobe.statuspage.PageFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.history.RunHistory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ProbeDetailPageTest {

  final PageFixture fixture = new PageFixture();

  Document detail(String probe, String env) throws Exception {
    StatusView view = fixture.view();
    return parse(ProbeDetailPage.render(
        ProbeDetailView.from(fixture.history, view, fixture.row(view, probe, env))));
  }

  @Test
  void showsTheStepTableWithTimingPhases() throws Exception {
    Document doc = detail("checkout", "production");

    assertThat(select(doc, "//tr[@data-step]").getLength()).isEqualTo(3);
    assertThat(text(doc, "//tr[@data-step='create_cart']/@data-status")).isEqualTo("passed");
    assertThat(text(doc, "//tr[@data-step='authorize_payment']/@data-status")).isEqualTo("failed");
    assertThat(text(doc, "//tr[@data-step='authorize_payment']/td[3]")).contains("✕")
        .contains("failed (status)");
    assertThat(text(doc, "//tr[@data-step='get_order']/@data-status")).isEqualTo("skipped");
    assertThat(text(doc, "//tr[@data-step='authorize_payment']//*[@class='phasebar']/@aria-label"))
        .contains("request 1 ms").contains("ttfb 87 ms").contains("transfer 1 ms");
    assertThat(select(doc, "//tr[@data-step='create_cart']//*[local-name()='rect']").getLength())
        .isEqualTo(6);
    assertThat(text(doc, "//tr[@data-step='create_cart']//div[@class='phase-text']"))
        .contains("dns").contains("connect").contains("tls").contains("ttfb");
  }

  @Test
  void showsTheFailureWithItsBodyExcerpt() throws Exception {
    Document doc = detail("checkout", "production");

    assertThat(text(doc, "//section[@class='failure-box']")).contains("authorize_payment")
        .contains("payment-gateway").contains("classified gateway_rejected").contains("expected 200");
    assertThat(text(doc, "//pre[@class='excerpt']"))
        .isEqualTo("{\"error\":{\"type\":\"database_error\",\"card\":\"***\"}}");
    assertThat(text(doc, "//ul[@class='timeline']")).contains("checkout-failing firing");
    assertThat(select(doc, "//h3[.='Recent runs']/following-sibling::div[1]//tbody/tr")
        .getLength()).isEqualTo(30);
    assertThat(text(doc, "//p[@class='back']/a/@href")).isEqualTo("/");
  }

  @Test
  void aPairWithoutRunsSaysSo() throws Exception {
    RunHistory empty = new RunHistory(fixture.clock);
    StatusView view = fixture.view(empty);
    StatusRow row = StatusRow.from(empty, "checkout", "production", "checkout", List.of(),
        Optional.empty());
    Document doc = parse(ProbeDetailPage.render(ProbeDetailView.from(empty, view, row)));
    assertThat(text(doc, "//article/@data-state")).isEqualTo("no-data");
    assertThat(text(doc, "//p[@class='empty']")).contains("No run yet");
  }
}
