package io.cartprobe.state;

import static io.cartprobe.testing.Results.T0;
import static io.cartprobe.testing.Results.degraded;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cartprobe.alert.AlertState;
import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.config.Webhook;
import io.cartprobe.config.WebhookFormat;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentStateTest {

  static final String TOKEN = "T00000000-B00000000-XXXXXXXXXXXXXXXXXXXXXXXX";
  static final HistoryKey CHECKOUT = new HistoryKey("checkout", "production");

  @TempDir Path dir;
  final TestClock clock = new TestClock(T0.plus(Duration.ofMinutes(10)));

  AgentState open(Path file, List<Webhook> webhooks) {
    return AgentState.open(file, clock, StateListener.NONE, () -> webhooks);
  }

  static Webhook slack(String url) {
    return new Webhook("oncall", List.of(url), WebhookFormat.SLACK, Optional.empty(), true,
        Duration.ofSeconds(5), Map.of());
  }

  static void flush(AgentState state) throws Exception {
    state.writer().flush().get(10, TimeUnit.SECONDS);
  }

  @Test
  void runsComeBackAsTheyWereRecordedWithTheStreakAndTheLatestResult() throws Exception {
    Path file = dir.resolve("state.db");
    RunHistory before = new RunHistory(clock);
    List<ProbeResult> results = List.of(ok("checkout", "production", T0),
        degraded("checkout", "production", T0.plusSeconds(30), Duration.ofSeconds(4)),
        paymentRejected("checkout", "production", T0.plusSeconds(60)),
        paymentRejected("checkout", "production", T0.plusSeconds(90)));
    try (AgentState state = open(file, List.of())) {
      HistoryPersistence sink = state.historySink(before);
      for (ProbeResult r : results) {
        before.accept(r);
        sink.accept(r);
      }
      flush(state);
    }
    RunHistory after = new RunHistory(clock);
    try (AgentState state = open(file, List.of())) {
      state.restoreHistory(after, List.of(CHECKOUT), Instant.EPOCH, 1);
    }
    assertThat(after.records("checkout", "production"))
        .isEqualTo(results.stream().map(RunRecord::of).toList());
    assertThat(after.state("checkout", "production").failingSince()).contains(T0.plusSeconds(60));
    assertThat(after.state("checkout", "production").consecutiveFailures()).isEqualTo(2);
    assertThat(after.latest("checkout", "production").orElseThrow().traceId())
        .isEqualTo(results.getLast().traceId());
  }

  @Test
  void eachVariantOfAMatrixProbeComesBackAsItsOwnPair() throws Exception {
    Path file = dir.resolve("state.db");
    RunHistory before = new RunHistory(clock);
    ProbeResult visa = inVariant(ok("checkout", "production", T0), "visa");
    ProbeResult amex = inVariant(paymentRejected("checkout", "production", T0.plusSeconds(1)),
        "amex");
    try (AgentState state = open(file, List.of())) {
      HistoryPersistence sink = state.historySink(before);
      for (ProbeResult r : List.of(visa, amex)) {
        before.accept(r);
        sink.accept(r);
      }
      flush(state);
    }
    HistoryKey visaKey = new HistoryKey("checkout", "production", "visa");
    HistoryKey amexKey = new HistoryKey("checkout", "production", "amex");
    RunHistory after = new RunHistory(clock);
    try (AgentState state = open(file, List.of())) {
      state.restoreHistory(after, List.of(visaKey, amexKey), Instant.EPOCH, 1);
    }
    assertThat(after.records(visaKey)).containsExactly(RunRecord.of(visa));
    assertThat(after.records(amexKey)).containsExactly(RunRecord.of(amex));
    assertThat(after.state(amexKey).consecutiveFailures()).isEqualTo(1);
    assertThat(after.state(visaKey).consecutiveFailures()).isZero();
  }

  private static ProbeResult inVariant(ProbeResult r, String variant) {
    return new ProbeResult(r.probe(), r.environment(), r.probeType(), r.startedAt(),
        r.duration(), r.verdict(), r.attempts(), r.traceId(), r.steps(), r.failure(),
        r.cleanup(), r.notes(), r.watched(), r.probableCause(), r.spanId(),
        r.earlierAttempts(), r.providerStatus(), variant);
  }

  @Test
  void startUpLoadsAtMostTheRingOfEachPair() throws Exception {
    Path file = dir.resolve("state.db");
    RunHistory before = new RunHistory(clock);
    try (AgentState state = open(file, List.of())) {
      HistoryPersistence sink = state.historySink(before);
      for (int i = 0; i < 200; i++) {
        sink.accept(ok("checkout", "production", T0.plusSeconds(i)));
      }
      flush(state);
    }
    RunHistory after = new RunHistory(clock);
    after.configure("checkout", "production", 60);
    try (AgentState state = open(file, List.of())) {
      state.restoreHistory(after, List.of(CHECKOUT), Instant.EPOCH, 1);
    }
    List<RunRecord> loaded = after.records("checkout", "production");
    assertThat(loaded).hasSize(60);
    assertThat(loaded.getFirst().startedAt()).isEqualTo(T0.plusSeconds(140));
    assertThat(loaded.getLast().startedAt()).isEqualTo(T0.plusSeconds(199));
  }

  @Test
  void startUpReadsOnlyTheWindowAskedForButAtLeastTheNewestFew() throws Exception {
    Path file = dir.resolve("state.db");
    try (AgentState state = open(file, List.of())) {
      HistoryPersistence sink = state.historySink(new RunHistory(clock));
      for (int i = 0; i < 100; i++) {
        sink.accept(ok("checkout", "production", T0.plusSeconds(i)));
      }
      flush(state);
    }
    RunHistory recent = new RunHistory(clock);
    RunHistory few = new RunHistory(clock);
    try (AgentState state = open(file, List.of())) {
      state.restoreHistory(recent, List.of(CHECKOUT), T0.plusSeconds(90), 3);
      state.restoreHistory(few, List.of(CHECKOUT), T0.plusSeconds(99), 5);
    }
    assertThat(recent.records("checkout", "production")).hasSize(10);
    assertThat(few.records("checkout", "production")).extracting(RunRecord::startedAt)
        .containsExactly(T0.plusSeconds(95), T0.plusSeconds(96), T0.plusSeconds(97),
            T0.plusSeconds(98), T0.plusSeconds(99));
  }

  @Test
  void countRunsGivesTotalFailedAndDegradedInAWindow() throws Exception {
    try (AgentState state = open(dir.resolve("state.db"), List.of())) {
      HistoryPersistence sink = state.historySink(new RunHistory(clock));
      sink.accept(ok("checkout", "production", T0));
      sink.accept(degraded("checkout", "production", T0.plusSeconds(30), Duration.ofSeconds(4)));
      sink.accept(paymentRejected("checkout", "production", T0.plusSeconds(60)));
      sink.accept(ok("checkout", "production", T0.plusSeconds(90)));
      sink.accept(paymentRejected("checkout", "staging", T0.plusSeconds(60)));
      flush(state);
      RunCounts counts = state.runs().countRuns("checkout", "production", "", T0,
          T0.plusSeconds(90));
      assertThat(counts).isEqualTo(new RunCounts(3, 1, 1));
      assertThat(counts.good()).isEqualTo(2);
      assertThat(state.runs().countRuns("checkout", "production", "eu-card", T0,
          T0.plusSeconds(120))).isEqualTo(new RunCounts(0, 0, 0));
    }
  }

  @Test
  void pendingDeliveriesAreKeptByWebhookNameAndNeverByUrl() throws Exception {
    Path file = dir.resolve("state.db");
    String url = "https://hooks.slack.example/services/" + TOKEN;
    Instant at = T0.plusSeconds(5);
    PendingDelivery pending = new PendingDelivery("msg_1", "oncall", url,
        "checkout-failing{checkout@production}", "firing", "{\"text\":\"checkout failing\"}", at,
        2, at.plusSeconds(8));
    DeadLetter dead = new DeadLetter("msg_0", "oncall", url, "checkout-failing{checkout@production}",
        "firing", "HTTP 410", 12, at, at.plusSeconds(300));
    try (AgentState state = open(file, List.of(slack(url)))) {
      state.alertSink().save(new AlertState(at, List.of(), List.of(pending), List.of(dead)));
      flush(state);
      assertThat(onDisk(file)).doesNotContain(TOKEN);
    }
    assertThat(onDisk(file)).doesNotContain(TOKEN);
    try (AgentState state = open(file, List.of(slack(url)))) {
      assertThat(state.alerts().pending()).containsExactly(pending);
      assertThat(state.alerts().deadLetters()).containsExactly(dead);
    }
    // The token leaked and was rotated: what was queued goes to the webhook's new URL.
    String rotated = "https://hooks.slack.example/services/NEW";
    try (AgentState state = open(file, List.of(slack(rotated)))) {
      assertThat(state.alerts().pending()).extracting(PendingDelivery::url).containsExactly(rotated);
    }
  }

  @Test
  void aDeliveryOutcomeWritesItsRowsNotTheWholeState() throws Exception {
    Path file = dir.resolve("state.db");
    String url = "https://hooks.slack.example/services/" + TOKEN;
    PendingDelivery first = new PendingDelivery("msg_1", "oncall", url, "a{checkout@production}",
        "firing", "{}", T0, 0, T0);
    PendingDelivery second = new PendingDelivery("msg_2", "oncall", url, "b{checkout@production}",
        "firing", "{}", T0, 0, T0);
    try (AgentState state = open(file, List.of(slack(url)))) {
      state.alertSink().save(new AlertState(T0, List.of(), List.of(first, second), List.of()));
      flush(state);
      state.alertSink().save(new AlertState(T0, List.of(), List.of(second), List.of()));
      flush(state);
    }
    try (AgentState state = open(file, List.of(slack(url)))) {
      assertThat(state.alerts().pending()).containsExactly(second);
    }
  }

  @Test
  void evidenceEpisodesAreStoredAndReadBackNewestFirst() throws Exception {
    try (AgentState state = open(dir.resolve("state.db"), List.of())) {
      EvidenceEpisodes episodes = state.episodes();
      var doc = JsonNodeFactory.instance.objectNode().put("provider", "stripe");
      episodes.save(new EvidenceEpisode("e1", "stripe-status", "production", "", T0,
          Optional.of(T0.plusSeconds(60)), doc)).get(10, TimeUnit.SECONDS);
      episodes.save(new EvidenceEpisode("e2", "stripe-status", "production", "", T0.plusSeconds(120),
          Optional.empty(), doc)).get(10, TimeUnit.SECONDS);
      assertThat(episodes.recent(10)).extracting(EvidenceEpisode::id).containsExactly("e2", "e1");
      assertThat(episodes.open()).extracting(EvidenceEpisode::id).containsExactly("e2");
      assertThat(episodes.between(T0.plusSeconds(61), T0.plusSeconds(130)))
          .extracting(EvidenceEpisode::id).containsExactly("e2");
      assertThat(episodes.get("e1").orElseThrow().document().path("provider").asText())
          .isEqualTo("stripe");
      assertThat(episodes.recent("stripe-status", "staging", "", 10)).isEmpty();
    }
  }

  @Test
  void retentionKeepsTheNewestRunsOfEachPairAndDropsOldOnes() throws Exception {
    Path file = dir.resolve("state.db");
    Retention small = new Retention(Duration.ofDays(1), 5, 5, 2);
    try (AgentState state = open(file, List.of())) {
      HistoryPersistence sink = state.historySink(new RunHistory(clock));
      sink.accept(ok("checkout", "staging", T0.minus(Duration.ofDays(2))));
      for (int i = 0; i < 20; i++) {
        sink.accept(ok("checkout", "production", T0.plusSeconds(i)));
      }
      state.writer().submit(small.write(clock));
      flush(state);
      assertThat(state.runs().countRuns("checkout", "production", "", T0, T0.plusSeconds(60)))
          .isEqualTo(new RunCounts(5, 0, 0));
      assertThat(state.runs().countRuns("checkout", "staging", "", Instant.EPOCH,
          T0.plusSeconds(60)).total()).isZero();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT min(started_at) FROM runs")) {
      r.next();
      assertThat(Times.instant(r.getLong(1))).isEqualTo(T0.plusSeconds(15));
    }
  }

  @Test
  void theSizeIsReportedAndTheFileIsInWalModeWithItsSchemaVersion() throws Exception {
    Path file = dir.resolve("state.db");
    AtomicReference<Long> size = new AtomicReference<>();
    try (AgentState state = open(file, List.of())) {
      size.set(state.sizeBytes());
    }
    assertThat(size.get()).isPositive();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
        assertThat(r.getString(1)).isEqualTo("wal");
      }
      try (ResultSet r = s.executeQuery("SELECT max(version) FROM schema_version")) {
        assertThat(r.getInt(1)).isEqualTo(Migrations.latest());
      }
      try (ResultSet r = s.executeQuery("PRAGMA application_id")) {
        assertThat(r.getInt(1)).isEqualTo(StateDb.APPLICATION_ID);
      }
    }
  }

  static String onDisk(Path db) throws Exception {
    StringBuilder all = new StringBuilder();
    for (String suffix : List.of("", "-wal")) {
      Path file = db.resolveSibling(db.getFileName() + suffix);
      if (Files.exists(file)) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
