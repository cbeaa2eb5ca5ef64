package io.cartprobe.artifact;

import io.cartprobe.result.ProbeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@code agent.artifacts_dir}: one directory per run with a failed browser step,
 * served under {@code /artifacts/RUN/FILE}. After each write the oldest runs' directories are
 * deleted until the whole is under the cap (the newest run is always kept).
 */
public final class ArtifactStore {

  public static final String PREFIX = "/artifacts/";
  private static final Logger log = LoggerFactory.getLogger(ArtifactStore.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private final Path root;
  private final long maxBytes;

  public ArtifactStore(Path root, long maxBytes) {
    this.root = root;
    this.maxBytes = maxBytes;
  }

  /** The store {@code agent.artifacts_dir} asks for; none when it is not set. */
  public static Optional<ArtifactStore> forAgent(io.cartprobe.config.AgentConfig agent) {
    return agent.artifactsDir().map(dir -> new ArtifactStore(dir, agent.artifactsMaxMb() * 1024L * 1024L));
  }

  /** A file served to the browser: its type and bytes. */
  public record Served(String contentType, byte[] body) {}

  /**
   * Writes the run's artifacts, if any step has some, and returns the result with each failed
   * browser step pointing at them. A disk that refuses is logged; the result goes on unchanged.
   */
  public synchronized ProbeResult keep(ProbeResult result) {
    if (ArtifactFiles.failedBrowserSteps(result).isEmpty()) {
      return result;
    }
    String name = ArtifactFiles.directoryName(result);
    try {
      if (ArtifactFiles.write(result, root.resolve(name)).isEmpty()) {
        return result;
      }
      prune(name);
    } catch (IOException | UncheckedIOException e) {
      log.warn("could not keep the artifacts of {} @ {} in {}: {}", result.probe(),
          result.environment(), root, e.toString());
      return result;
    }
    return ArtifactFiles.pointTo(result, PREFIX + name + "/");
  }

  /** {@code /artifacts/RUN/FILE}, or {@code /artifacts/RUN/} for a list of its files. */
  public Optional<Served> serve(String rawPath) {
    if (!rawPath.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = rawPath.substring(PREFIX.length()).split("/", -1);
    if (parts.length != 2 || !NAME.matcher(parts[0]).matches()
        || !(parts[1].isEmpty() || NAME.matcher(parts[1]).matches())) {
      return Optional.empty();
    }
    Path dir = root.resolve(parts[0]);
    try {
      if (parts[1].isEmpty()) {
        return Files.isDirectory(dir) ? Optional.of(ArtifactIndex.render(parts[0], dir)) : Optional.empty();
      }
      Path file = dir.resolve(parts[1]);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String type = parts[1].endsWith(".png") ? "image/png" : "text/plain; charset=utf-8";
      return Optional.of(new Served(type, Files.readAllBytes(file)));
    } catch (IOException e) {
      return Optional.empty(); // deleted by the cap meanwhile
    }
  }

  private void prune(String newest) throws IOException {
    List<Path> runs;
    try (Stream<Path> list = Files.list(root)) {
      runs = list.filter(Files::isDirectory).sorted().toList();
    }
    long total = 0;
    List<Long> sizes = new ArrayList<>();
    for (Path run : runs) {
      long size = size(run);
      sizes.add(size);
      total += size;
    }
    for (int i = 0; i < runs.size() && total > maxBytes; i++) {
      if (runs.get(i).getFileName().toString().equals(newest)) {
        continue;
      }
      delete(runs.get(i));
      total -= sizes.get(i);
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }
}
