package io.cartprobe.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What a state file is, from its first bytes, before SQLite is let near it. */
enum FileKind {
  /** Missing or empty: a new database. */
  NONE,
  SQLITE,
  /** A JSON object: the state file of cartprobe 0.1, to import. */
  JSON,
  /** Anything else (or a header cut short). */
  OTHER;

  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  static FileKind of(Path file) throws IOException {
    if (!Files.exists(file)) {
      return NONE;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(100);
    }
    if (head.length == 0) {
      return NONE;
    }
    if (head.length >= MAGIC.length
        && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC)) {
      return SQLITE;
    }
    for (byte b : head) {
      if (!Character.isWhitespace(b)) {
        return b == '{' ? JSON : OTHER;
      }
    }
    return OTHER;
  }

  /** The first bytes as text a log line can show: "it starts with 'PK\u0003…'". */
  static String start(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(16);
      StringBuilder out = new StringBuilder();
      for (byte b : head) {
        out.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
      }
      return out.toString();
    } catch (IOException e) {
      return "(unreadable)";
    }
  }
}
