package io.cartprobe.schedule;

import java.util.Objects;

/**
 * One probe against one environment, in one variant of its matrix: the unit the scheduler
 * plans, runs and reports.
 *
 * @param variant the variant's id ({@code amex}, {@code amex,EUR}); {@code ""} for a probe
 *     without a matrix
 */
public record PairKey(String probe, String environment, String variant) {

  public PairKey {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(environment, "environment");
    variant = variant == null ? "" : variant;
  }

  /** A pair of a probe without a matrix. */
  public PairKey(String probe, String environment) {
    this(probe, environment, "");
  }

  /** {@code checkout@production}, {@code checkout[amex]@production}. */
  @Override
  public String toString() {
    return probe + (variant.isEmpty() ? "" : "[" + variant + "]") + "@" + environment;
  }
}
