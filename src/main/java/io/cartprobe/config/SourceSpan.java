package io.cartprobe.config;

import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;

/** Finds a piece of a scalar as written in the YAML source, to report at its own column. */
final class SourceSpan {

  private SourceSpan() {}

  /**
   * The mark of the first occurrence of {@code snippet} between {@code start} and {@code end},
   * with its backslashes doubled in a double-quoted scalar (which escapes them), else as is.
   */
  static Optional<Mark> find(Mark start, Mark end, String snippet) {
    int[] buffer = start.getBuffer();
    int length = end.getIndex() - start.getIndex();
    if (buffer == null || length <= 0 || start.getPointer() + length > buffer.length) {
      return Optional.empty();
    }
    String source = new String(buffer, start.getPointer(), length);
    int at = source.startsWith("\"") ? source.indexOf(snippet.replace("\\", "\\\\")) : -1;
    if (at < 0) {
      at = source.indexOf(snippet);
    }
    if (at < 0) {
      return Optional.empty();
    }
    int line = start.getLine();
    int column = start.getColumn();
    for (int i = 0; i < at; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        column = 0;
      } else if (!Character.isLowSurrogate(source.charAt(i))) {
        column++; // columns count code points, as snakeyaml's do
      }
    }
    int offset = source.codePointCount(0, at);
    return Optional.of(new Mark(start.getName(), start.getIndex() + offset, line, column,
        buffer, start.getPointer() + offset));
  }
}
