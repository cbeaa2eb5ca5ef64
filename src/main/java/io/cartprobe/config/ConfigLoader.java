package io.cartprobe.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads probes.yaml into a {@link CartprobeConfig}, reporting every error at once. */
public final class ConfigLoader {

  static final List<String> ROOT_KEYS = List.of("agent", "environments", "probes", "alerts", "silences", "webhooks",
      "slos");

  private final Map<String, String> processEnvironment;

  public ConfigLoader(Map<String, String> processEnvironment) {
    this.processEnvironment = Map.copyOf(processEnvironment);
  }

  public CartprobeConfig load(Path file) throws ConfigException {
    String name = file.toString();
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw YamlDocument.one(name, 1, 1, "cannot read config file: no such file");
    } catch (AccessDeniedException e) {
      throw YamlDocument.one(name, 1, 1, "cannot read config file: permission denied");
    } catch (CharacterCodingException e) {
      throw YamlDocument.one(name, 1, 1, "cannot read config file: not UTF-8 text");
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      throw YamlDocument.one(name, 1, 1, "cannot read config file: "
          + (Files.isDirectory(file) ? "is a directory" : String.valueOf(e.getMessage())));
    }
    return parse(name, text, file.toAbsolutePath().getParent(), file);
  }

  /** Parses YAML text; {@code displayName} is used in messages, {@code baseDir} for relative ${file:} paths. */
  public CartprobeConfig parse(String displayName, String yaml, Path baseDir) throws ConfigException {
    Path source;
    try {
      source = Path.of(displayName);
    } catch (RuntimeException e) {
      source = baseDir == null ? Path.of("") : baseDir;
    }
    return parse(displayName, yaml, baseDir, source);
  }

  private CartprobeConfig parse(String displayName, String yaml, Path baseDir, Path source)
      throws ConfigException {
    Optional<Node> root = YamlDocument.compose(displayName, yaml == null ? "" : yaml);
    Diagnostics diagnostics = new Diagnostics(displayName);
    Session session = new Session(diagnostics, new Interpolator(processEnvironment, baseDir));
    CartprobeConfig config;
    try {
      config = read(new Cursor(root.orElseGet(ConfigLoader::emptyDocument), "", session), source);
    } catch (RuntimeException | StackOverflowError e) {
      // The readers are written to report, not throw; this is the last line that keeps the
      // contract "only ConfigException escapes" should one of them still have a gap.
      diagnostics.report(null, "", "internal error while reading the file: " + e);
      throw diagnostics.exception();
    }
    if (diagnostics.hasErrors()) {
      throw diagnostics.exception();
    }
    return config;
  }

  /** An empty file reads as an empty map, so it gets the same "missing" errors as `{}`. */
  private static Node emptyDocument() {
    return new MappingNode(Tag.MAP, List.of(), DumperOptions.FlowStyle.BLOCK);
  }

  private static CartprobeConfig read(Cursor root, Path source) {
    Optional<MapCursor> map = root.map();
    if (map.isEmpty()) {
      return null;
    }
    MapCursor m = map.get().allow(ROOT_KEYS);
    AgentConfig agent = m.get("agent").map(AgentReader::read).orElse(AgentConfig.defaults());
    Map<String, Environment> environments = m.get("environments").map(EnvironmentReader::read).orElseGet(() -> {
      root.error("no environments defined");
      return Map.of();
    });
    ProbeReader probeReader = new ProbeReader(environments);
    List<ProbeConfig> probes = m.get("probes").map(probeReader::read).orElseGet(() -> {
      root.error("no probes defined");
      return List.of();
    });
    // Names of every probe written, even one with other errors, so references do not cascade.
    List<String> probeNames = probeReader.names();
    List<Webhook> webhooks = m.get("webhooks").map(WebhookReader::read).orElse(List.of());
    List<String> webhookNames = webhooks.stream().map(Webhook::name).toList();
    List<Slo> slos = m.get("slos")
        .map(new SloReader(probeNames, environments.keySet())::read).orElse(List.of());
    List<AlertRule> alerts = m.get("alerts")
        .map(new AlertReader(probeNames, environments.keySet(), webhookNames, slos)::read).orElse(List.of());
    List<Silence> silences = m.get("silences")
        .map(s -> SilenceReader.read(s, probeNames, environments.keySet())).orElse(List.of());
    return new CartprobeConfig(source, agent, environments, probes, alerts, silences, webhooks, slos,
        root.session().diagnostics().warnings());
  }
}
