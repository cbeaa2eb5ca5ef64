package io.cartprobe.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Live processes started with a cartprobe Chromium profile, read from ps. */
final class Processes {

  private Processes() {}

  static List<String> chromiumProfiles() throws IOException, InterruptedException {
    Process ps = new ProcessBuilder("ps", "-eo", "pid,args").redirectErrorStream(true).start();
    String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor();
    return out.lines().filter(l -> l.contains("--user-data-dir=") && l.contains("cartprobe-chromium-"))
        .toList();
  }
}
