package io.cartprobe.watch;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbableCause.Confidence;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of docs/attribution.md for one failed checkout run. Evidence counts only when it can
 * explain the failing step (a linked evidence probe, see {@link EvidenceLinks}) and when its
 * timing fits: it began after the checkout's last good run (or, with none known, within the
 * lookback before the failures), no later than the failures plus the evidence probe's detection
 * delay, and it is still in effect (a change since reverted, or a failure since recovered,
 * explains nothing).
 */
final class AttributionRules {

  /** With no good run known, evidence older than this before the failures is not considered. */
  static final Duration LOOKBACK = Duration.ofMinutes(30);

  sealed interface Verdict {
    record Cause(ProbableCause cause) implements Verdict {}

    record NoEvidence(String note) implements Verdict {}
  }

  private final CartprobeConfig config;
  private final ProbeResult checkout;
  private final EvidenceLinks links;
  private final Optional<Instant> lastGood;
  private final Instant failingSince;

  AttributionRules(CartprobeConfig config, ProbeResult checkout, EvidenceLinks links,
      Optional<Instant> lastGood, Instant failingSince) {
    this.config = config;
    this.checkout = checkout;
    this.links = links;
    this.lastGood = lastGood;
    this.failingSince = failingSince;
  }

  Verdict decide(Map<String, Attribution.EvidenceMemory> linked) {
    if (links.probes().isEmpty()) {
      return new Verdict.NoEvidence(ProbableCause.NO_EVIDENCE + ": " + links.stepInWords()
          + " depends on no gateway-config probe");
    }
    Optional<ProbableCause> best = Optional.empty();
    for (String probe : links.probes()) {
      Attribution.EvidenceMemory memory = linked.get(probe);
      if (memory == null) {
        continue;
      }
      Optional<ProbableCause> found = fromChanges(probe, memory).or(() -> fromFailure(probe, memory));
      // A change beats a bare failure; between two of a kind, the later one.
      if (found.isPresent() && (best.isEmpty() || better(found.get(), best.get()))) {
        best = found;
      }
    }
    return best.<Verdict>map(Verdict.Cause::new).orElseGet(() -> new Verdict.NoEvidence(
        ProbableCause.NO_EVIDENCE + ": " + String.join(", ", links.probes())
            + " passing and unchanged " + lastGood.map(t -> "since the last good run at " + t)
            .orElse("within " + LOOKBACK.toMinutes() + " minutes before the failures")));
  }

  private static boolean better(ProbableCause a, ProbableCause b) {
    if (a.changes().isEmpty() != b.changes().isEmpty()) {
      return !a.changes().isEmpty();
    }
    return a.at().isAfter(b.at());
  }

  private Instant horizon() {
    return lastGood.orElse(failingSince.minus(LOOKBACK));
  }

  /** Evidence detected later than this began after the failures did. */
  private Instant latestExplaining(String probe) {
    Duration delay = config.probe(probe).map(p -> p.interval().plus(p.timeout()))
        .orElse(Duration.ZERO);
    return failingSince.plus(delay);
  }

  private Optional<ProbableCause> fromChanges(String probe, Attribution.EvidenceMemory memory) {
    List<ConfigChange> since = memory.changes.stream()
        .filter(c -> c.at().isAfter(horizon()))
        .toList();
    if (since.isEmpty() || since.getFirst().at().isAfter(latestExplaining(probe))) {
      return Optional.empty();
    }
    List<FieldChange> net = net(since);
    if (net.isEmpty()) {
      return Optional.empty();
    }
    Instant at = since.getLast().at();
    return Optional.of(new ProbableCause(probe, checkout.environment(), at, net,
        Optional.ofNullable(memory.failure), confidence(),
        why(probe, describe(net) + " changed at " + since.getFirst().at() + " and is still in effect")));
  }

  private Optional<ProbableCause> fromFailure(String probe, Attribution.EvidenceMemory memory) {
    if (memory.failingSince == null || !memory.failingSince.isAfter(horizon())
        || memory.failingSince.isAfter(latestExplaining(probe))) {
      return Optional.empty();
    }
    return Optional.of(new ProbableCause(probe, checkout.environment(), memory.failingSince,
        List.of(), Optional.ofNullable(memory.failure), confidence(),
        why(probe, probe + " has been failing since " + memory.failingSince)));
  }

  private Confidence confidence() {
    return lastGood.isPresent() ? Confidence.LIKELY : Confidence.POSSIBLE;
  }

  private String why(String probe, String evidence) {
    String timing = lastGood.map(t -> ", after the last good run at " + t)
        .orElse("; no good run is known, so which began first cannot be told");
    return links.stepInWords() + " depends on " + probe + " (" + links.how() + "); " + evidence
        + timing;
  }

  /** The fields that differ now from before the first change: a revert cancels out. */
  static List<FieldChange> net(List<ConfigChange> changes) {
    Map<String, String[]> span = new LinkedHashMap<>();
    for (ConfigChange change : changes) {
      for (FieldChange f : change.changes()) {
        span.computeIfAbsent(f.path(), p -> new String[] {f.before(), f.after()})[1] = f.after();
      }
    }
    List<FieldChange> net = new ArrayList<>();
    span.forEach((path, ends) -> {
      if (!ends[0].equals(ends[1])) {
        net.add(new FieldChange(path, ends[0], ends[1]));
      }
    });
    return net;
  }

  private static String describe(List<FieldChange> net) {
    return String.join(", ", net.stream().map(f -> f.path() + " " + f.before() + " -> "
        + f.after()).toList());
  }
}
