package io.cartprobe.probe;

import io.cartprobe.config.Expect;
import io.cartprobe.config.TlsConfig;
import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.FailureReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code cert_valid_for} applied to the client certificate of mutual TLS too: when it expires
 * the acquirer refuses every request, exactly like an expired server certificate would.
 */
final class ClientCertExpiry {

  static final String CHECK = "cert_valid_for (client certificate)";

  private ClientCertExpiry() {}

  /** {@code report} with the client certificate's check added, when both are configured. */
  static ExpectChecker.Report check(Expect expect, TlsConfig tls, ExpectChecker.Report report, Instant now) {
    if (expect.certValidFor().isEmpty() || tls.clientCertificate().isEmpty()) {
      return report;
    }
    TlsConfig.ClientCertificate client = tls.clientCertificate().get();
    CertValidity.Verdict verdict = CertValidity.check(expect.certValidFor().get(), Optional.of(client.notAfter()), now);
    AssertionResult a = verdict.assertion();
    List<AssertionResult> assertions = new ArrayList<>(report.assertions());
    assertions.add(new AssertionResult(CHECK, a.expected(), a.actual(), a.passed()));
    Optional<StepProblem> problem = report.problem();
    // Among a step's failed checks cert_expiry only outranks latency.
    if (verdict.problem().isPresent()
        && (problem.isEmpty() || problem.get().reason() == FailureReason.LATENCY)) {
      StepProblem p = verdict.problem().get();
      problem = Optional.of(new StepProblem(p.reason(), "client " + p.message() + " (" + client.certFile() + ")",
          p.expected(), p.actual()));
    }
    return new ExpectChecker.Report(assertions, problem, report.degraded());
  }
}
