package io.cartprobe.statuspage;

import io.cartprobe.result.BrowserEvidence;
import java.util.List;

/** A failed browser step's page on the detail page: what the console and network said, and
 * the link to its screenshot when the agent keeps artifacts. */
final class PageEvidence {

  /** Enough lines to see the first error; the rest are in the artifacts. */
  private static final int SHOWN = 5;

  private PageEvidence() {}

  static void render(Markup m, BrowserEvidence page) {
    list(m, "Console errors:", page.consoleErrors());
    list(m, "Failed requests:", page.failedRequests());
    page.artifacts().ifPresent(path -> m.open("p").text("Screenshot and page logs: ")
        .element("a", path, "href", path, "class", "artifacts").close());
  }

  private static void list(Markup m, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    m.element("p", title);
    StringBuilder text = new StringBuilder();
    lines.stream().limit(SHOWN).forEach(l -> text.append(l).append('\n'));
    if (lines.size() > SHOWN) {
      text.append("... ").append(lines.size() - SHOWN).append(" more\n");
    }
    m.element("pre", text.toString(), "class", "excerpt");
  }
}
