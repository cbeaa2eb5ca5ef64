package io.cartprobe.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cartprobe.config.AlertRule;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigError;
import io.cartprobe.config.Durations;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Slo;
import io.cartprobe.config.Variant;
import io.cartprobe.config.Webhook;
import io.cartprobe.result.json.SchemaVersion;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.shard.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The documents of {@code validate -o json} and {@code list -o json}, bound by Jackson. */
final class ConfigJson {

  private ConfigJson() {}

  record Diagnostic(String file, int line, int column, String key, String message) {
    static Diagnostic of(ConfigError error) {
      return new Diagnostic(error.file(), error.line(), error.column(), error.key(), error.detail());
    }
  }

  record Counts(int probes, int environments, int runsPerRound, int alerts, int webhooks, int slos) {
    static Counts of(CartprobeConfig config) {
      return new Counts(config.probes().size(), config.environments().size(),
          config.probes().stream().mapToInt(p -> p.environments().size()).sum(),
          config.alerts().size(), config.webhooks().size(), config.slos().size());
    }
  }

  /** {@code summary} is absent (null) when the file has errors. */
  record Validation(int schemaVersion, String file, boolean valid, List<Diagnostic> errors,
      List<Diagnostic> warnings, Optional<Counts> summary) {}

  static Validation valid(String file, CartprobeConfig config) {
    return new Validation(SchemaVersion.CURRENT, file, true, List.of(),
        config.warnings().stream().map(Diagnostic::of).toList(), Optional.of(Counts.of(config)));
  }

  static Validation invalid(String file, List<ConfigError> errors) {
    return new Validation(SchemaVersion.CURRENT, file, false,
        errors.stream().map(Diagnostic::of).toList(), List.of(), Optional.empty());
  }

  /**
   * @param shard with {@code --shard}: which shard, and how many pairs it and the others own
   * @param probes the pairs that run (on this shard, with {@code --shard})
   */
  record Listing(int schemaVersion, String file,
      @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<ShardInfo> shard, List<Pair> probes,
      List<Alert> alerts, List<Hook> webhooks, List<SloEntry> slos) {}

  record ShardInfo(int index, int count, int ownedPairs, int pairsOwnedByOthers) {}

  /** @param evidenceCopy run here for this shard's checkouts, notified by the shard that owns it */
  record Pair(String probe, @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant, String type,
      String env, String interval, String intervalWhenFailing, String timeout, int retries,
      List<String> steps, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean evidenceCopy) {}

  record Alert(String name, String severity, String when, List<String> probes,
      List<String> environments, @JsonProperty("notify") List<String> webhooks) {}

  record Hook(String name, String format, boolean signed, int targets) {}

  record SloEntry(String name, List<String> probes, List<String> environments, double objective,
      String window, boolean degradedIsBad) {}

  static Listing listing(String file, CartprobeConfig config, Ownership owned) {
    List<Pair> pairs = new ArrayList<>();
    for (ProbeConfig probe : config.probes()) {
      for (String env : probe.environments()) {
        for (Variant variant : probe.variants()) {
          PairKey key = new PairKey(probe.name(), env, variant.id());
          if (!owned.runs(key)) {
            continue;
          }
          pairs.add(new Pair(probe.name(), variant.id(), probe.type().wireName(), env,
              Durations.format(probe.interval()), Durations.format(probe.intervalWhenFailing()),
              Durations.format(probe.timeout()), probe.retries(),
              probe.steps().stream().map(s -> s.name()).toList(), !owned.notifies(key)));
        }
      }
    }
    Optional<ShardInfo> shard = owned.shard().isSingle() ? Optional.empty()
        : Optional.of(new ShardInfo(owned.shard().index(), owned.shard().count(),
            owned.runCount(), owned.ownedByOthers()));
    List<Alert> alerts = config.alerts().stream().map((AlertRule a) -> new Alert(a.name(),
        a.severity(), ListCommand.describe(a.when()), a.probes(), a.environments(), a.webhooks()))
        .toList();
    List<Hook> hooks = config.webhooks().stream().map((Webhook w) -> new Hook(w.name(),
        w.format().wireName(), w.hmacSecret().isPresent(), w.urls().size())).toList();
    List<SloEntry> slos = config.slos().stream().map((Slo s) -> new SloEntry(s.name(), s.probes(),
        s.environments(), s.objective(), Durations.format(s.window()), s.degradedIsBad())).toList();
    return new Listing(SchemaVersion.CURRENT, file, shard, pairs, alerts, hooks, slos);
  }
}
