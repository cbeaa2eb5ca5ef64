package io.cartprobe.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The page of one run's artifacts: the screenshots shown, the text files linked. */
final class ArtifactIndex {

  private ArtifactIndex() {}

  static ArtifactStore.Served render(String run, Path dir) throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head>"
        + "<meta charset=\"utf-8\"><title>cartprobe artifacts: " + escape(run) + "</title>"
        + "<style>body{font:14px system-ui,sans-serif;margin:2em}img{max-width:100%;"
        + "border:1px solid #ccc}</style></head><body>\n<h1>Artifacts of " + escape(run)
        + "</h1>\n<ul>\n");
    for (String f : files) {
      html.append("<li><a href=\"").append(escape(f)).append("\">").append(escape(f))
          .append("</a></li>\n");
    }
    html.append("</ul>\n");
    for (String f : files) {
      if (f.endsWith(".png")) {
        html.append("<p><img src=\"").append(escape(f)).append("\" alt=\"").append(escape(f))
            .append("\"></p>\n");
      }
    }
    html.append("</body></html>\n");
    return new ArtifactStore.Served("text/html; charset=utf-8",
        html.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
