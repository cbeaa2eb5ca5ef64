package io.cartprobe.probe;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.config.Environment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hides secret values and card-number-like digit runs in everything a result carries. One
 * instance per run: values extracted with {@code secret: true} join the set as the run goes.
 */
public final class Redactor {

  public static final String MASK = "***";

  /**
   * 13 to 19 digits, optionally separated by single spaces or dashes, not part of a longer run.
   * No Luhn check on purpose: hiding a harmless number is cheap, leaking a card is not.
   */
  private static final Pattern CARD_LIKE =
      Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

  private final Set<String> secrets = new LinkedHashSet<>();

  public Redactor(Collection<String> secretValues) {
    secretValues.forEach(this::add);
  }

  public static Redactor forEnvironment(Environment env) {
    return new Redactor(env.secrets().values());
  }

  /** Adds a secret; its URL-encoded form too, since that is how it may appear in a URL. */
  public synchronized void add(String secret) {
    if (secret == null || secret.isEmpty()) {
      return; // an empty secret would "match" everywhere
    }
    secrets.add(secret);
    String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    if (!encoded.equals(secret)) {
      secrets.add(encoded);
      secrets.add(encoded.replace("+", "%20"));
    }
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<String> ordered;
    synchronized (this) {
      ordered = new ArrayList<>(secrets);
    }
    // Longest first, so a secret containing another is hidden whole.
    ordered.sort(Comparator.comparingInt(String::length).reversed());
    String out = text;
    for (String s : ordered) {
      out = out.replace(s, MASK);
    }
    return CARD_LIKE.matcher(out).replaceAll(MASK);
  }

  public Optional<String> redact(Optional<String> text) {
    return text.map(this::redact);
  }

  public AssertionResult redact(AssertionResult a) {
    return new AssertionResult(redact(a.check()), redact(a.expected()), redact(a.actual()),
        a.passed());
  }

  public StepResult redact(StepResult s) {
    return new StepResult(s.name(), s.component(), s.status(), s.method(), redact(s.url()),
        s.httpStatus(), s.duration(), s.timings(),
        s.assertions().stream().map(this::redact).toList(), s.reason(), redact(s.message()),
        redact(s.bodyExcerpt()), s.classification(), s.certNotAfter(),
        s.browser().map(this::redact));
  }

  /** Screenshots are masked in the page before they are taken (io.cartprobe.browser). */
  public io.cartprobe.result.BrowserEvidence redact(io.cartprobe.result.BrowserEvidence b) {
    return new io.cartprobe.result.BrowserEvidence(b.domContentLoaded(), b.load(),
        redact(b.finalUrl()), b.consoleErrors().stream().map(this::redact).toList(),
        b.failedRequests().stream().map(this::redact).toList(), b.screenshots());
  }

  /** The secret values known now, longest first, for masking them in a page. */
  public synchronized java.util.List<String> secrets() {
    return java.util.List.copyOf(secrets);
  }

  public Failure redact(Failure f) {
    return new Failure(f.step(), f.component(), f.reason(), redact(f.message()),
        redact(f.expected()), redact(f.actual()), f.classification());
  }

  /** The whole result, with every secret known at the end of the run. */
  private java.util.Map<String, String> redactValues(java.util.Map<String, String> values) {
    java.util.Map<String, String> redacted = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> redacted.put(k, redact(v)));
    return redacted;
  }

  public ProbeResult redact(ProbeResult r) {
    return new ProbeResult(r.probe(), r.environment(), r.probeType(), r.startedAt(),
        r.duration(), r.verdict(), r.attempts(), r.traceId(),
        r.steps().stream().map(this::redact).toList(), r.failure().map(this::redact),
        r.cleanup().stream().map(this::redact).toList(),
        r.notes().stream().map(this::redact).toList(), redactValues(r.watched()),
        r.probableCause());
  }
}
