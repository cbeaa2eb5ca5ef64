package io.cartprobe.testing;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The files in {@code src/test/resources/contract/}: what cartprobe 0.1.0 wrote, kept byte for
 * byte so the contracts (the state file, {@code run -o json}, {@code /api/status},
 * {@code /api/history}, the {@code json} webhook) are checked against the release, not against
 * the code under test. {@code state.json} and the webhook bodies come from a real agent run
 * against the demo shop with {@code probes.yaml} of that folder (the May 9 fault on, off, on
 * again); {@code run-checkout-failing.json} from {@code run -o json -p checkout -p
 * gateway-account -e production} with the fault on; {@code api-status.json} and
 * {@code api-history.json} from that state file, rendered by 0.1.0 at {@link #NOW}.
 */
public final class ContractFiles {

  /** Shortly after the agent that wrote {@code state.json} stopped. */
  public static final Instant NOW = Instant.parse("2026-12-01T21:36:10Z");

  private ContractFiles() {}

  public static TestClock clock() {
    return new TestClock(NOW);
  }

  public static byte[] bytes(String name) {
    try (InputStream in = ContractFiles.class.getResourceAsStream("/contract/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no contract file " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A document less its leading {@code schema_version}, which 0.1.0 did not write. */
  public static String withoutSchemaVersion(String json) {
    return json.replaceFirst("\"schema_version\"\\s*:\\s*\\d+\\s*,\\s*", "");
  }

  /**
   * What this version writes, less the keys added on purpose since 0.1.0 (docs/design.md,
   * "JSON documents", "Contract changes since 0.1.0"): a document's {@code schema_version}, a
   * probable cause's {@code confidence} and {@code why}, an event's {@code causeNote},
   * {@code providerStatus} and {@code evidenceURL}; the Alertmanager annotations saying the same
   * ({@code evidence_url}, {@code provider_status}). Everything else must stay byte for byte as 0.1.0 wrote it.
   */
  public static String withoutAdditions(String json) {
    String string = "\"(?:[^\"\\\\]|\\\\.)*\"";
    return withoutSchemaVersion(json)
        .replaceAll(",\\s*\"confidence\"\\s*:\\s*\"[a-z]+\"\\s*,\\s*\"why\"\\s*:\\s*" + string, "")
        .replaceAll(",\\s*\"causeNote\"\\s*:\\s*(?:null|" + string + ")", "")
        .replaceAll(",\\s*\"(?:probable_cause_confidence|probable_cause_why|cause_note"
            + "|evidence_url|provider_status|evidenceURL)\"\\s*:\\s*" + string, "")
        .replaceAll(",\\s*\"providerStatus\"\\s*:\\s*\\[[^\\]]*\\]", "");
  }

  /**
   * Blanks every {@code description}: it is worded from the event each time, and since 0.1.0 it
   * names the cause's confidence and why.
   */
  public static String withoutDescriptions(String json) {
    return json.replaceAll("(\"description\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", "$1\"\"");
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /** A copy in {@code dir}, for code that reads (and may rewrite) a file. */
  public static Path copy(String name, Path dir) {
    try {
      Path target = dir.resolve(name);
      Files.write(target, bytes(name));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The config the fixtures were recorded with. */
  public static CartprobeConfig config() {
    try {
      return new ConfigLoader(Map.of()).parse("contract/probes.yaml", text("probes.yaml"),
          Path.of("."));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
