package io.cartprobe.probe;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.config.Environment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hides secret values and card-number-like digit runs in everything a result carries. A
 * secret is also found in the forms a server may echo it in: JSON string escapes
 * ({@code \u003d} as Gson and Go write '=', {@code \/}, {@code \"}, any {@code \}uXXXX), URL
 * encoding ({@code %3D} in either case, {@code +} for a space), those nested two deep, and
 * Base64 (standard or URL-safe, padded or not, at any byte alignment inside a longer text).
 * One instance per run: values extracted with {@code secret: true} join the set as the run goes.
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
  private final List<SecretForm> forms = new ArrayList<>();

  public Redactor(Collection<String> secretValues) {
    secretValues.forEach(this::add);
  }

  public static Redactor forEnvironment(Environment env) {
    return new Redactor(env.secrets().values());
  }

  public synchronized void add(String secret) {
    if (secret == null || secret.isEmpty() || !secrets.add(secret)) {
      return; // an empty secret would "match" everywhere
    }
    SecretForm.of(secret).stream().filter(f -> !forms.contains(f)).forEach(forms::add);
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<SecretForm> known;
    synchronized (this) {
      known = List.copyOf(forms);
    }
    String out = known.isEmpty() ? text : mask(text, known);
    return CARD_LIKE.matcher(out).replaceAll(MASK);
  }

  /** Every range of {@code text} where some decoding of it holds a form, replaced by the mask. */
  private static String mask(String text, List<SecretForm> known) {
    List<int[]> ranges = new ArrayList<>();
    for (DecodedView view : DecodedView.all(text)) {
      String in = view.text();
      for (SecretForm form : known) {
        for (int at = in.indexOf(form.text()); at >= 0; at = in.indexOf(form.text(), at + 1)) {
          int[] hidden = form.hidden(in, at, at + form.text().length());
          ranges.add(new int[] {view.originalStart(hidden[0]), view.originalEnd(hidden[1])});
        }
      }
    }
    if (ranges.isEmpty()) {
      return text;
    }
    ranges.sort(Comparator.comparingInt((int[] r) -> r[0]).thenComparingInt(r -> -r[1]));
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    int maskedTo = -1;
    for (int[] r : ranges) {
      if (r[0] < maskedTo) {
        maskedTo = Math.max(maskedTo, r[1]); // overlaps the mask just written: one mask
        copied = maskedTo;
        continue;
      }
      out.append(text, copied, r[0]).append(MASK);
      maskedTo = r[1];
      copied = r[1];
    }
    return out.append(text, copied, text.length()).toString();
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
        redact(s.bodyExcerpt()), s.classification(), s.certNotAfter());
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
