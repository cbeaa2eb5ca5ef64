package io.cartprobe.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads {@code silences:}, maintenance windows. */
final class SilenceReader {

  static final List<String> KEYS = List.of("probes", "environments", "from", "until", "reason");

  private SilenceReader() {}

  static List<Silence> read(Cursor c, Collection<String> probes, Collection<String> environments) {
    List<Silence> out = new ArrayList<>();
    for (Cursor item : c.list().orElse(List.of())) {
      item.map().ifPresent(m -> {
        m.allow(KEYS);
        List<String> probeRefs = m.get("probes").map(p -> Names.references(p, "probe", probes)).orElse(List.of());
        List<String> envRefs = m.get("environments")
            .map(e -> Names.references(e, "environment", environments)).orElse(List.of());
        Optional<Instant> from = m.required("from").flatMap(SilenceReader::instant);
        Optional<Instant> until = m.required("until").flatMap(SilenceReader::instant);
        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
          String shownFrom = m.get("from").orElseThrow().shownValue(from.get().toString());
          m.get("until").orElseThrow().error("must be after from (" + shownFrom + ")");
        }
        String reason = m.get("reason").flatMap(Cursor::string).orElse("");
        if (from.isPresent() && until.isPresent()) {
          out.add(new Silence(probeRefs, envRefs, from.get(), until.get(), reason));
        }
      });
    }
    return out;
  }

  /** ISO-8601 with a zone: {@code 2026-12-01T22:00:00Z} or {@code ...+01:00}. */
  private static Optional<Instant> instant(Cursor c) {
    return c.string().flatMap(s -> {
      try {
        return Optional.of(OffsetDateTime.parse(s.trim()).toInstant());
      } catch (DateTimeParseException e) {
        c.error("expected an ISO-8601 instant like 2026-12-01T22:00:00Z, found " + c.shown(s));
        return Optional.empty();
      }
    });
  }
}
