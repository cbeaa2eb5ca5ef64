package io.cartprobe.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.Version;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.incident.Episode;
import io.cartprobe.incident.EpisodeStore;
import io.cartprobe.incident.ProviderTicket;
import io.cartprobe.result.json.Json;
import io.cartprobe.server.AgentEndpoints.HttpAnswer;
import io.cartprobe.statuspage.EvidencePage;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code GET /incidents/ID}: the evidence page of one alert episode, HTML, or JSON (the episode's
 * document with {@code copy_for_provider}) when the client accepts {@code application/json}.
 */
final class EvidenceEndpoint {

  private static final Pattern PATH = Pattern.compile("/incidents/([0-9a-f]{16})/?");

  private final EpisodeStore store;
  private final Supplier<CartprobeConfig> config;
  private final Clock clock;

  EvidenceEndpoint(EpisodeStore store, Supplier<CartprobeConfig> config, Clock clock) {
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  HttpAnswer answer(String rawPath, Optional<String> accept) {
    var matcher = PATH.matcher(rawPath);
    Optional<Episode> episode = matcher.matches() ? store.find(matcher.group(1)) : Optional.empty();
    if (episode.isEmpty()) {
      return new HttpAnswer(404, "text/plain; charset=utf-8",
          "no such incident (the newest " + EpisodeStore.LIMIT + " episodes are kept)\n");
    }
    Episode e = episode.get();
    if (accept.map(a -> a.contains("application/json")).orElse(false)) {
      ObjectNode json = (ObjectNode) Json.tree(e);
      json.put("copy_for_provider", ProviderTicket.text(e));
      return new HttpAnswer(200, "application/json", Json.pretty(json));
    }
    return new HttpAnswer(200, "text/html; charset=utf-8",
        EvidencePage.render(e, config.get().agent().labels(), Version.current(), clock.instant()));
  }
}
