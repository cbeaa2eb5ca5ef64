package io.cartprobe.probe;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepExchange;
import io.cartprobe.result.StepResult;
import io.cartprobe.config.Environment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secret values and card-number-like digit runs in everything a result carries. A
 * secret is also found in the forms a server may echo it in: JSON string escapes
 * ({@code \}u003d as Gson and Go write '=', {@code \/}, {@code \"}, any {@code \}uXXXX), URL
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

  /**
   * How far past an excerpt's end a form may still begin to reach into it: a character
   * percent-encoded as UTF-8 with each '%' JSON-escaped takes up to 24; card runs take 37.
   */
  private static final int SPAN_PER_CHAR = 24;
  private static final int MIN_MARGIN = 64;

  private final Set<String> secrets = new LinkedHashSet<>();
  private final List<SecretForm> forms = new ArrayList<>();
  private int longest;

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
    longest = Math.max(longest, secret.length());
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<SecretForm> known = known();
    String out = known.isEmpty() ? text
        : render(text, SecretRanges.find(text, known), text.length());
    return CARD_LIKE.matcher(out).replaceAll(MASK);
  }

  /**
   * The redacted beginning of a response body: at most {@code limit} characters, ending in
   * {@code marker} when the body goes on. Only the part that can show is searched, so a 1 MiB
   * body costs no more than a short one; it reaches far enough past the cut that a secret
   * straddling it is still found whole.
   */
  public String excerpt(String body, int limit, String marker) {
    List<SecretForm> known = known();
    int margin;
    synchronized (this) {
      margin = Math.max(MIN_MARGIN, SPAN_PER_CHAR * longest);
    }
    int end = (int) Math.min(body.length(), (long) limit + margin);
    String window = body.substring(0, end);
    List<int[]> ranges = new ArrayList<>(SecretRanges.find(window, known));
    Matcher cards = CARD_LIKE.matcher(window);
    while (cards.find()) {
      ranges.add(new int[] {cards.start(), cards.end()});
    }
    boolean whole = end == body.length();
    String shown = render(window, ranges, whole ? end : end - margin);
    if (whole && shown.length() <= limit) {
      return shown;
    }
    int cut = Math.min(shown.length(), limit - marker.length());
    if (cut > 0 && Character.isHighSurrogate(shown.charAt(cut - 1))) {
      cut--;
    }
    return shown.substring(0, cut) + marker;
  }

  private synchronized List<SecretForm> known() {
    return List.copyOf(forms);
  }

  /** {@code text} up to {@code stop} with each range (start, end) replaced by one mask. */
  private static String render(String text, List<int[]> ranges, int stop) {
    if (ranges.isEmpty()) {
      return text.substring(0, stop);
    }
    List<int[]> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingInt((int[] r) -> r[0]));
    StringBuilder out = new StringBuilder(stop);
    int copied = 0;
    for (int[] r : sorted) {
      if (r[0] >= stop) {
        break;
      }
      if (r[0] >= copied) {
        out.append(text, copied, r[0]).append(MASK);
      } // else it overlaps the mask just written: one mask for both
      copied = Math.max(copied, r[1]);
    }
    return copied < stop ? out.append(text, copied, stop).toString() : out.toString();
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
        redact(s.bodyExcerpt()), s.classification(), s.certNotAfter(), redactValues(s.extracted()),
        s.spanId(), s.startedAt(), s.browser().map(this::redact), s.http(),
        s.exchange().map(this::redact));
  }

  /** Screenshots are masked in the page before they are taken (io.cartprobe.browser). */
  public io.cartprobe.result.BrowserEvidence redact(io.cartprobe.result.BrowserEvidence b) {
    return new io.cartprobe.result.BrowserEvidence(redact(b.finalUrl()), b.domContentLoaded(),
        b.load(), b.consoleErrors().stream().map(this::redact).toList(),
        b.failedRequests().stream().map(this::redact).toList(), b.screenshots(), b.artifacts());
  }

  /** The secret values known now, longest first, for masking them in a page. */
  public synchronized List<String> secrets() {
    return secrets.stream().sorted(java.util.Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  /** Credentials travel in these headers whole: masked whatever their value. */
  private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization",
      "proxy-authorization", "cookie", "set-cookie", "x-api-key");

  public StepExchange redact(StepExchange x) {
    return new StepExchange(x.method(), redact(x.url()), redactHeaders(x.requestHeaders()),
        redact(x.requestBody()), x.status(), redactHeaders(x.responseHeaders()),
        redact(x.responseBody()));
  }

  private java.util.Map<String, String> redactHeaders(java.util.Map<String, String> headers) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    headers.forEach((name, value) -> out.put(name,
        CREDENTIAL_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) ? MASK : redact(value)));
    return out;
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
        r.probableCause(), r.spanId(), r.earlierAttempts().stream().map(this::redact).toList(),
        r.providerStatus(), r.variant());
  }

  private ProbeResult.EarlierAttempt redact(ProbeResult.EarlierAttempt a) {
    return new ProbeResult.EarlierAttempt(a.number(),
        a.steps().stream().map(this::redact).toList(), redact(a.failure()));
  }
}
