package io.cartprobe.incident;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.result.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * The state file's {@code incidents} section: {@code {"episodes": [<episode>...]}}, newest
 * first, each the same document the evidence page serves as JSON. An absent section reads as no
 * episodes.
 */
public final class EpisodesJson {

  public static final String SECTION = "incidents";

  private record Saved(List<Episode> episodes) {
    Saved {
      episodes = episodes == null ? List.of() : List.copyOf(episodes);
    }
  }

  private EpisodesJson() {}

  public static JsonNode toJson(List<Episode> episodes) {
    return Json.tree(new Saved(episodes));
  }

  public static List<Episode> fromJson(Optional<JsonNode> section) {
    return section.filter(n -> !n.isNull()).map(n -> Json.read(n, Saved.class).episodes())
        .orElse(List.of());
  }
}
