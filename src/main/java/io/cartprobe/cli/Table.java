package io.cartprobe.cli;

import java.io.PrintWriter;
import java.util.List;

/** Left-aligned columns, two spaces apart; the first row is the header. */
final class Table {

  private Table() {}

  static void print(PrintWriter out, List<String[]> rows) {
    int[] widths = widths(rows);
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(pad(row[c], widths[c])).append("  ");
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** The widest cell of each column. */
  static int[] widths(List<String[]> rows) {
    int[] widths = new int[rows.getFirst().length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    return widths;
  }

  static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
