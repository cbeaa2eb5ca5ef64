package io.cartprobe.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;

/**
 * Certificate expiry seen by https steps. The series of a step exists only once a certificate was
 * seen there: a plain-http step exports nothing rather than a meaningless 0.
 */
public final class TlsMetrics {

  static final String CERT_EXPIRY =
      "cartprobe.tls.cert.expiry.timestamp"; // cartprobe_tls_cert_expiry_timestamp_seconds

  private final SettableGauges expiry;

  public TlsMetrics(MeterRegistry registry) {
    expiry = new SettableGauges(registry, CERT_EXPIRY,
        "Unix time at which the earliest-expiring certificate of the step's chain expires",
        "seconds");
  }

  /** @param earliestNotAfter the earliest {@code notAfter} of the chain the server presented */
  public void certificateSeen(String probe, String env, String variant, String step,
      Instant earliestNotAfter) {
    expiry.set(Tags.of("env", env, "probe", probe, "step", step, "variant", variant),
        earliestNotAfter.getEpochSecond());
  }
}
