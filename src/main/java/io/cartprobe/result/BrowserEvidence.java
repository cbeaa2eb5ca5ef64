package io.cartprobe.result;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a browser step saw beyond its timings: the page's own milestones from Navigation Timing,
 * and on failure the page's console errors, its failed network requests and screenshots.
 *
 * @param domContentLoaded from the start of the last navigation, absent before any navigation
 * @param finalUrl the page's URL when the step ended
 */
public record BrowserEvidence(
    Optional<Duration> domContentLoaded,
    Optional<Duration> load,
    String finalUrl,
    List<String> consoleErrors,
    List<String> failedRequests,
    List<Screenshot> screenshots) {

  public BrowserEvidence {
    consoleErrors = List.copyOf(consoleErrors);
    failedRequests = List.copyOf(failedRequests);
    screenshots = List.copyOf(screenshots);
  }

  /**
   * A PNG of the page. Its bytes stay in memory for whoever writes artifacts ({@code run
   * --artifacts}); the JSON form names the file and its size.
   *
   * @param file a file name unique within the run, like {@code pay_on_page-failure.png}
   */
  public record Screenshot(String file, byte[] png) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Screenshot s && s.file.equals(file) && java.util.Arrays.equals(s.png, png);
    }

    @Override
    public int hashCode() {
      return file.hashCode() * 31 + java.util.Arrays.hashCode(png);
    }

    @Override
    public String toString() {
      return "Screenshot[" + file + ", " + png.length + " bytes]";
    }
  }
}
