package io.cartprobe.history;

import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbableCause.FieldChange;
import java.time.Instant;
import java.util.List;

/** A {@link ConfigChange} as history lists it: when first, like its runs and transitions. */
record ChangeJson(Instant at, String probe, String env, List<FieldChange> changes) {

  static ChangeJson of(ConfigChange change) {
    return new ChangeJson(change.at(), change.probe(), change.environment(), change.changes());
  }

  ConfigChange change() {
    return new ConfigChange(probe, env, at, changes);
  }
}
