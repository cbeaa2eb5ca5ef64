package io.cartprobe.state;

/**
 * Runs of one pair within a time window, for SLOs: good = {@code total - failed} (a degraded run
 * passed its checks, only slowly; whether it is good is the SLO's choice).
 */
public record RunCounts(long total, long failed, long degraded) {

  public long good() {
    return total - failed;
  }
}
