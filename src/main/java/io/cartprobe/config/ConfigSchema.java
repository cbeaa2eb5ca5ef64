package io.cartprobe.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema of probes.yaml ({@code docs/probes.schema.json}, copied into the jar by the
 * build), so editors can fetch it from a running agent or from {@code cartprobe schema} without a
 * clone of the repository.
 */
public final class ConfigSchema {

  /** The schema's {@code $id}; the agent serves the same document at this path. */
  public static final String ID = "https://cartprobe.io/schema/probes.json";
  public static final String PATH = "/schema/probes.json";
  public static final String MEDIA_TYPE = "application/schema+json";

  private ConfigSchema() {}

  public static String json() {
    try (InputStream in = ConfigSchema.class.getResourceAsStream("probes.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("probes.schema.json is missing from the jar (build it with mvn package)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
