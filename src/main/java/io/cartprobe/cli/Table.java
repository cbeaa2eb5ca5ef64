package io.cartprobe.cli;

import java.io.PrintWriter;
import java.util.List;

/** Left-aligned columns, two spaces apart; the first row is the header. */
final class Table {

  private Table() {}

  static void print(PrintWriter out, List<String[]> rows) {
    int[] widths = new int[rows.getFirst().length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(row[c]).append(" ".repeat(widths[c] - row[c].length())).append("  ");
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
