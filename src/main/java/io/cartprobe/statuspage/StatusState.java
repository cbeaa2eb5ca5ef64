package io.cartprobe.statuspage;

import io.cartprobe.result.Verdict;
import java.util.Optional;

/**
 * The state of one probe × environment on the page. Each has an icon and a word as well as a
 * colour, so the page reads the same to colour-blind people, in grey print and on a bad screen.
 * Declared in the page's sort order: what needs attention first.
 */
public enum StatusState {
  FAILING("✕", "failing"),
  DEGRADED("▲", "degraded"),
  SILENCED("◐", "silenced"),
  NO_DATA("…", "no data yet"),
  PASSING("✓", "passing");

  private final String icon;
  private final String label;

  StatusState(String icon, String label) {
    this.icon = icon;
    this.label = label;
  }

  public String icon() {
    return icon;
  }

  public String label() {
    return label;
  }

  /** The CSS class suffix: {@code failing}, {@code no-data} ... */
  public String cssName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * The state for a last verdict. A silenced pair shows as silenced whatever it does: the people
   * who silenced it know, and the others should not be alarmed (its failure details still show).
   */
  public static StatusState of(Optional<Verdict> lastVerdict, boolean silenced) {
    if (silenced) {
      return SILENCED;
    }
    return lastVerdict.map(v -> switch (v) {
      case SUCCESS -> PASSING;
      case DEGRADED -> DEGRADED;
      case FAILURE -> FAILING;
    }).orElse(NO_DATA);
  }
}
