package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a browser step saw beyond its timings: the page's own milestones from Navigation Timing,
 * and on failure the page's console errors, its failed network requests and screenshots.
 *
 * @param finalUrl the page's URL when the step ended
 * @param domContentLoaded from the start of the last navigation, absent before any navigation
 * @param artifacts where the agent serves this step's screenshots, console errors and failed
 *     requests ({@code /artifacts/RUN/}), when it keeps them ({@code agent.artifacts_dir})
 */
public record BrowserEvidence(
    String finalUrl,
    @JsonProperty("dom_content_loaded_seconds") Optional<Duration> domContentLoaded,
    @JsonProperty("load_seconds") Optional<Duration> load,
    List<String> consoleErrors,
    List<String> failedRequests,
    List<Screenshot> screenshots,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> artifacts) {

  public BrowserEvidence {
    consoleErrors = List.copyOf(consoleErrors);
    failedRequests = List.copyOf(failedRequests);
    screenshots = List.copyOf(screenshots);
    artifacts = artifacts == null ? Optional.empty() : artifacts;
  }

  public BrowserEvidence(String finalUrl, Optional<Duration> domContentLoaded,
      Optional<Duration> load, List<String> consoleErrors, List<String> failedRequests,
      List<Screenshot> screenshots) {
    this(finalUrl, domContentLoaded, load, consoleErrors, failedRequests, screenshots,
        Optional.empty());
  }

  public BrowserEvidence withArtifacts(String path) {
    return new BrowserEvidence(finalUrl, domContentLoaded, load, consoleErrors, failedRequests,
        screenshots, Optional.of(path));
  }

  public static BrowserEvidence none() {
    return new BrowserEvidence("", Optional.empty(), Optional.empty(), List.of(), List.of(),
        List.of());
  }

  /**
   * A PNG of the page. Its bytes stay in memory for whoever writes artifacts ({@code run
   * --artifacts}, the agent's artifact store); the JSON forms name the file and its size, so a
   * screenshot read back from a file has no bytes.
   *
   * @param file a file name unique within the run, like {@code pay_on_page-failure.png}
   */
  public record Screenshot(String file, long bytes, @JsonIgnore byte[] png) {

    public Screenshot(String file, byte[] png) {
      this(file, png.length, png);
    }

    @JsonCreator
    static Screenshot read(@JsonProperty("file") String file, @JsonProperty("bytes") long bytes) {
      return new Screenshot(file, bytes, new byte[0]);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Screenshot s && s.file.equals(file) && s.bytes == bytes
          && java.util.Arrays.equals(s.png, png);
    }

    @Override
    public int hashCode() {
      return file.hashCode() * 31 + java.util.Arrays.hashCode(png);
    }

    @Override
    public String toString() {
      return "Screenshot[" + file + ", " + bytes + " bytes]";
    }
  }
}
