package io.cartprobe.result.json;

/**
 * The {@code schema_version} every JSON document of cartprobe carries (run -o json, list -o json,
 * validate -o json, /api/status, /api/history). Adding fields keeps the number; it goes up only
 * when a field is removed, renamed or changes meaning, so a consumer can refuse what it does
 * not understand instead of misreading it.
 */
public final class SchemaVersion {

  public static final int CURRENT = 1;

  private SchemaVersion() {}
}
