package io.cartprobe.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Chromium processes this JVM left alive, read from /proc: those whose parent chain leads
 * here (the watchdog and its Chromium) and those using a profile this JVM created, which is
 * how an orphan re-parented to init is still recognised. Other JVMs' browsers on the same
 * machine are not counted.
 */
final class Processes {

  private Processes() {}

  static List<String> chromiumLeftBehind() throws IOException {
    long self = ProcessHandle.current().pid();
    String profile = Chromium.PROFILE_PREFIX + self + "-";
    List<String> left = new ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        long pid = Long.parseLong(proc.getFileName().toString());
        String command = read(proc.resolve("cmdline")).replace('\0', ' ').strip();
        if (pid == self || command.isEmpty()) {
          continue; // a zombie has no command line and holds nothing
        }
        if (command.contains(profile) || (command.contains("chrom") && descendsFrom(pid, self))) {
          left.add(pid + " " + command);
        }
      }
    }
    return left;
  }

  private static boolean descendsFrom(long pid, long ancestor) {
    for (long p = pid; p > 1; p = parent(p)) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }

  private static long parent(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    int end = stat.lastIndexOf(')');
    if (end < 0) {
      return 0;
    }
    String[] fields = stat.substring(end + 2).split(" ");
    return fields.length > 1 ? Long.parseLong(fields[1]) : 0;
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // the process ended while we looked
    }
  }
}
