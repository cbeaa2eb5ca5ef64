package io.cartprobe.config;

import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes YAML text into snakeyaml nodes, never objects: nothing in the file can name a Java
 * type, and every value keeps its position for messages.
 */
final class YamlDocument {

  private YamlDocument() {}

  /** The root node, or empty for an empty document. A syntax error ends reading: one error. */
  static Optional<Node> compose(String displayName, String yaml) throws ConfigException {
    LoaderOptions options = new LoaderOptions();
    // Duplicates are reported by MapCursor with both locations; aliases stay bounded (billion laughs).
    options.setAllowDuplicateKeys(true);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(50);
    try {
      Composer composer = new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options);
      return Optional.ofNullable(composer.getSingleNode());
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem().trim() : "invalid YAML";
      String context = e.getContext() != null ? " (" + e.getContext().trim() + ")" : "";
      throw one(displayName, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
          problem + context);
    } catch (ReaderException e) {
      int[] at = lineColumn(yaml, e.getPosition());
      throw one(displayName, at[0], at[1],
          String.format("unacceptable character U+%04X (special characters are not allowed)", e.getCodePoint()));
    } catch (YAMLException | StackOverflowError e) {
      // e.g. nesting deeper than snakeyaml's limit
      throw one(displayName, 1, 1, "invalid YAML: " + (e.getMessage() == null ? "nested too deeply" : e.getMessage()));
    }
  }

  static ConfigException one(String file, int line, int column, String message) {
    return new ConfigException(List.of(new ConfigError(file, line, column, message)));
  }

  /** ReaderException counts code points from the start of the text. */
  private static int[] lineColumn(String text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < codePointIndex; i += Character.charCount(text.codePointAt(i)), seen++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }
}
