package io.cartprobe.statuspage;

import static io.cartprobe.statuspage.PageFixture.parse;
import static io.cartprobe.statuspage.PageFixture.select;
import static io.cartprobe.statuspage.PageFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The SLO table: availability over the window, budget left, a bar per hour of burn. */
class SloSectionTest {

  final PageFixture fixture = new PageFixture();

  private Document page(List<SloPanel> slos) throws Exception {
    StatusView v = fixture.view();
    return parse(StatusPage.render(new StatusView(v.agentLabels(), v.version(), v.generatedAt(),
        v.reload(), v.refresh(), v.rows(), v.undelivered(), v.warnings(), slos)));
  }

  @Test
  void eachSloShowsAvailabilityBudgetAndTheBurnOfTheLastHours() throws Exception {
    List<Double> burns = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      burns.add(h == 23 ? 20.0 : 0.5);
    }
    Document doc = page(List.of(
        new SloPanel("checkout-availability", "production", 99.5, "30d", 0.99, -1.0, burns, 1.0),
        new SloPanel("checkout-availability", "staging", 99.5, "30d", 0.999, 0.8, burns, 0.05)));

    String row = "//section[@class='slos']//tr[@data-env='production']";
    assertThat(text(doc, row + "/th")).isEqualTo("checkout-availability");
    assertThat(text(doc, row + "/td[2]")).isEqualTo("99.5% over 30d");
    assertThat(text(doc, row + "/td[@class='availability']")).isEqualTo("99%");
    assertThat(text(doc, row + "/td[@class='budget overspent']")).isEqualTo("-100%");
    assertThat(select(doc, row + "//*[local-name()='rect']").getLength()).isEqualTo(24);
    assertThat(text(doc, "(" + row + "//*[local-name()='rect'])[24]/@class")).isEqualTo("bar failing");
    assertThat(text(doc, "(" + row + "//*[local-name()='rect'])[24]/*[local-name()='title']"))
        .isEqualTo("1h ago: 20x");
    assertThat(text(doc, "(" + row + "//*[local-name()='rect'])[1]/@class")).isEqualTo("bar passing");

    String staging = "//section[@class='slos']//tr[@data-env='staging']";
    assertThat(text(doc, staging + "/td[@class='availability']"))
        .isEqualTo("99.9% (runs held for 5% of the window)");
    assertThat(text(doc, staging + "/td[@class='budget']")).isEqualTo("80%");
  }

  @Test
  void noSlosNoSectionAndNoRunsSaysSo() throws Exception {
    assertThat(select(page(List.of()), "//section[@class='slos']").getLength()).isZero();
    Document doc = page(List.of(new SloPanel("a", "production", 99, "7d", Double.NaN, 1, List.of(0.0), 0)));
    assertThat(text(doc, "//td[@class='availability']")).isEqualTo("no runs yet");
  }
}
