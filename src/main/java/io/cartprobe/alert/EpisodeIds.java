package io.cartprobe.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The id of one firing episode of an alert instance: derived from the instance and the time it
 * began firing, so every notification of the episode (and the agent after a restart) names the
 * same evidence page without keeping a counter.
 */
public final class EpisodeIds {

  private EpisodeIds() {}

  /** 16 hex digits; {@code variant} is "" for a probe without a matrix. */
  public static String of(String alert, String probe, String env, String variant, Instant startsAt) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String key = String.join("\u0000", alert, probe, env, variant, startsAt.toString());
      byte[] digest = sha.digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
