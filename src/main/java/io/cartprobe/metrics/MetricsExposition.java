package io.cartprobe.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Renders {@code GET /metrics} in the format the scraper asked for: OpenMetrics 1.0 when its
 * {@code Accept} header prefers it (Prometheus does by default), else the classic text format
 * 0.0.4, which every scraper and {@code promtool check metrics} understand.
 */
public final class MetricsExposition {

  // The Prometheus client's writers are a runtime-only dependency of the Micrometer registry, so
  // their CONTENT_TYPE constants are spelt out here; the registry picks its writer by them.
  public static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";
  public static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** A rendered scrape and the Content-Type to send it with. */
  public record Scrape(String body, String contentType) {}

  private static final String EOF = "# EOF\n";

  private final PrometheusMeterRegistry registry;
  private final PairSeries pairs;

  public MetricsExposition(AgentRegistry agent) {
    this.registry = agent.registry();
    this.pairs = agent.pairSeries();
  }

  /** A scrape compressed with gzip as it was rendered. */
  public record Compressed(byte[] gzip, String contentType) {}

  /** Micrometer's meters, then the per-pair families ({@link PairSeries}), in one document. */
  public Scrape scrape(@Nullable String acceptHeader) {
    boolean openMetrics = wantsOpenMetrics(acceptHeader);
    StringBuilder out = new StringBuilder(pairs.sizeHint());
    render(out, openMetrics, null);
    return new Scrape(out.toString(), openMetrics ? OPENMETRICS : TEXT);
  }

  /**
   * The same document gzip-compressed, piece by piece as it is rendered. At 10,000 targets the
   * text is about 20 MB; held whole (the builder, its String, its bytes) those arrays went
   * straight to the old generation and every scrape cost two or three full collections of
   * ~200 ms, stalling the probes' schedule. Compressed in pieces, what is live at once is one
   * piece and the compressed output (~7 % of the text).
   */
  public Compressed scrapeGzip(@Nullable String acceptHeader) {
    boolean openMetrics = wantsOpenMetrics(acceptHeader);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(PairSeries.PIECE);
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, PairSeries.PIECE) {
      { def.setLevel(Deflater.BEST_SPEED); } // a scrape is read once: speed over ratio
    }) {
      StringBuilder piece = new StringBuilder(PairSeries.PIECE + 4096);
      PairSeries.Drain drain = text -> {
        try {
          gzip.write(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        text.setLength(0);
      };
      render(piece, openMetrics, drain);
      drain.take(piece);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not happen
    }
    return new Compressed(compressed.toByteArray(), openMetrics ? OPENMETRICS : TEXT);
  }

  private void render(StringBuilder out, boolean openMetrics, PairSeries.@Nullable Drain drain) {
    String micrometer = registry.scrape(openMetrics ? OPENMETRICS : TEXT);
    if (openMetrics && micrometer.endsWith(EOF)) {
      out.append(micrometer, 0, micrometer.length() - EOF.length());
    } else {
      out.append(micrometer);
    }
    pairs.writeTo(out, openMetrics, drain);
    if (openMetrics) {
      out.append(EOF);
    }
  }

  /**
   * True when the best quality an {@code application/openmetrics-text} range gets is above 0 and
   * at least that of any plain-text or wildcard range. Only OpenMetrics 1.0 (or 0.0.1, which it
   * is compatible with, or no version) counts: we cannot render other versions.
   */
  static boolean wantsOpenMetrics(@Nullable String acceptHeader) {
    if (acceptHeader == null || acceptHeader.isBlank()) {
      return false;
    }
    double openMetrics = 0;
    double other = 0;
    for (String range : acceptHeader.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      String version = null;
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].split("=", 2);
        if (kv.length != 2) {
          continue;
        }
        String key = kv[0].trim().toLowerCase(Locale.ROOT);
        String value = kv[1].trim();
        if (key.equals("q")) {
          q = parseQuality(value);
        } else if (key.equals("version")) {
          version = value;
        }
      }
      if (type.equals("application/openmetrics-text")) {
        if (version == null || version.equals("1.0.0") || version.equals("0.0.1")) {
          openMetrics = Math.max(openMetrics, q);
        }
      } else if (type.equals("text/plain") || type.equals("text/*") || type.equals("*/*")) {
        other = Math.max(other, q);
      }
    }
    return openMetrics > 0 && openMetrics >= other;
  }

  private static double parseQuality(String value) {
    try {
      double q = Double.parseDouble(value);
      return q >= 0 && q <= 1 ? q : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
