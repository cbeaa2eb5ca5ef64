package io.cartprobe.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import java.util.Collection;

/**
 * Jayway's view of a parsed document that checks a deadline as a path walks it: a deep scan
 * or a filter over a large document stops at the deadline like matching does. One per
 * evaluation (it counts its own steps).
 */
final class DeadlineJsonProvider extends JacksonJsonProvider {

  private static final int CHECK_EVERY = 256;

  private final Deadline deadline;
  private int untilCheck = CHECK_EVERY;

  DeadlineJsonProvider(ObjectMapper mapper, Deadline deadline) {
    super(mapper);
    this.deadline = deadline;
  }

  private void step() {
    if (--untilCheck == 0) {
      untilCheck = CHECK_EVERY;
      deadline.check();
    }
  }

  @Override
  public Object getMapValue(Object obj, String key) {
    step();
    return super.getMapValue(obj, key);
  }

  @Override
  public Object getArrayIndex(Object obj, int idx) {
    step();
    return super.getArrayIndex(obj, idx);
  }

  @Override
  public Collection<String> getPropertyKeys(Object obj) {
    step();
    return super.getPropertyKeys(obj);
  }

  @Override
  public Iterable<?> toIterable(Object obj) {
    step();
    return super.toIterable(obj);
  }

  @Override
  public int length(Object obj) {
    step();
    return super.length(obj);
  }
}
