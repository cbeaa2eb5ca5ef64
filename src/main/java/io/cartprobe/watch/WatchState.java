package io.cartprobe.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cartprobe.result.ProbableCause.FieldChange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The serialisable form of a {@link ConfigWatch}: what the state file keeps under its
 * {@code "watch"} key. Watched values were redacted when the result was made, so no secret lands
 * here.
 */
public record WatchState(int version, List<BaselineState> baselines) {

  public static final int VERSION = 1;

  public WatchState {
    baselines = baselines == null ? List.of() : List.copyOf(baselines);
  }

  /**
   * One (probe, environment): the values changes are measured against.
   *
   * @param since when these values were first seen
   * @param lastChange the latest change, or null when none was seen
   */
  public record BaselineState(
      String probe,
      String env,
      String since,
      List<String> paths,
      Map<String, String> values,
      @JsonInclude(JsonInclude.Include.NON_NULL) LastChange lastChange) {

    public BaselineState {
      paths = paths == null ? List.of() : List.copyOf(paths);
      values = values == null ? Map.of()
          : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  public record LastChange(String at, List<FieldChange> changes) {
    public LastChange {
      changes = changes == null ? List.of() : List.copyOf(changes);
    }
  }
}
