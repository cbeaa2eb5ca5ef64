package io.cartprobe.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable parts of a Markdown file, in order: {@code console} blocks (a {@code $ } line is a
 * command, the lines under it what it prints), {@code sh} blocks (commands only), and files to
 * write ({@code yaml} blocks whose first line is {@code # NAME.yaml}); and how printed output is
 * compared with what the file shows.
 */
final class ReadmeBlocks {

  private ReadmeBlocks() {}

  /** A command, the output shown under it (empty for an sh block), and where it is. */
  record Command(int line, String text, List<String> expected, boolean showsOutput) {}

  /** A file the README shows and then uses (e.g. {@code broken.yaml}). */
  record File(int line, String name, String content) {}

  private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
  private static final Pattern FILE_NAME = Pattern.compile("^# ([\\w.-]+\\.ya?ml)$");

  /** Commands and files, in the order they appear. */
  static List<Object> parse(String markdown) {
    List<Object> out = new ArrayList<>();
    List<String> lines = markdown.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      String info = open.group(1);
      int start = i + 1;
      int end = start;
      while (!lines.get(end).equals("```")) {
        end++;
      }
      List<String> body = lines.subList(start, end);
      switch (info) {
        case "console" -> consoleCommands(start + 1, body, out);
        case "sh" -> {
          for (int j = 0; j < body.size(); j++) {
            String line = body.get(j).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
              out.add(new Command(start + 1 + j, line, List.of(), false));
            }
          }
        }
        case "yaml" -> {
          Matcher name = body.isEmpty() ? null : FILE_NAME.matcher(body.getFirst());
          if (name != null && name.matches()) {
            out.add(new File(start + 1, name.group(1), String.join("\n", body) + "\n"));
          }
        }
        default -> { }
      }
      i = end;
    }
    return out;
  }

  private static void consoleCommands(int firstLine, List<String> body, List<Object> out) {
    for (int j = 0; j < body.size(); j++) {
      if (!body.get(j).startsWith("$ ")) {
        throw new IllegalArgumentException("README line " + (firstLine + j)
            + ": a console block starts with a `$ ` command");
      }
      int k = j + 1;
      while (k < body.size() && !body.get(k).startsWith("$ ")) {
        k++;
      }
      out.add(new Command(firstLine + j, body.get(j).substring(2), body.subList(j + 1, k), true));
      j = k - 1;
    }
  }

  // --- comparing

  private static final Pattern HEX_ID =
      Pattern.compile("(?<![0-9a-f])[0-9a-f]{16}(?:[0-9a-f]{16})?(?![0-9a-f])");
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z");
  private static final Pattern DURATION = Pattern.compile("\\b\\d+(?:\\.\\d+)?(?:ms|s|m|h|d)\\b");

  /**
   * What may differ between two runs of the same command: ids, trace ids and ETags (hex), instants,
   * every duration (a latency budget too: the tests' probes.yaml raises them) and the widths of
   * aligned columns.
   */
  static String normalise(String text) {
    String out = HEX_ID.matcher(text).replaceAll("<id>");
    out = INSTANT.matcher(out).replaceAll("<instant>");
    out = DURATION.matcher(out).replaceAll("<t>");
    List<String> lines = new ArrayList<>();
    out.lines().map(l -> l.replaceAll(" {2,}", " ").stripTrailing()).forEach(lines::add);
    while (!lines.isEmpty() && lines.getLast().isEmpty()) {
      lines.removeLast();
    }
    return String.join("\n", lines);
  }

  /**
   * Whether {@code actual} is what {@code expected} shows, both normalised. In expected output a
   * line {@code ...} stands for any lines (or none), and {@code ...} inside a line for any text.
   */
  static boolean matches(List<String> expected, String actual) {
    StringBuilder regex = new StringBuilder("(?s)");
    List<String> lines = normalise(String.join("\n", expected)).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().equals("...")) {
        regex.append("(?:[^\\n]*(?:\\n|$))*?");
        continue;
      }
      String[] parts = line.split("\\.\\.\\.", -1);
      for (int p = 0; p < parts.length; p++) {
        regex.append(Pattern.quote(parts[p]));
        if (p < parts.length - 1) {
          regex.append("[^\\n]*?");
        }
      }
      regex.append(i < lines.size() - 1 ? "\\n" : "");
    }
    return Pattern.compile(regex.toString()).matcher(normalise(actual)).matches();
  }

  /** Replaces each key of {@code ports} (a port as the README writes it) by its value. */
  static String mapPorts(String text, Map<Integer, Integer> ports) {
    String out = text;
    for (var e : ports.entrySet()) {
      out = out.replaceAll("(?<=(?:localhost|127\\.0\\.0\\.1):|port )" + e.getKey() + "\\b",
          String.valueOf(e.getValue()));
    }
    return out;
  }
}
