package io.cartprobe.config;

import java.util.List;
import java.util.stream.Collectors;

/** {@code 201}, {@code [200, 201]} or {@code 2xx}: the status codes a step accepts. */
public record StatusExpectation(List<Pattern> accepted) {

  public static final StatusExpectation ANY_2XX = new StatusExpectation(List.of(new Pattern.Class(2)));

  public StatusExpectation {
    accepted = List.copyOf(accepted);
  }

  public boolean matches(int status) {
    return accepted.stream().anyMatch(p -> switch (p) {
      case Pattern.Code c -> c.code() == status;
      case Pattern.Class c -> status / 100 == c.hundreds();
    });
  }

  @Override
  public String toString() {
    String all = accepted.stream().map(Object::toString).collect(Collectors.joining(", "));
    return accepted.size() == 1 ? all : "[" + all + "]";
  }

  public sealed interface Pattern {
    record Code(int code) implements Pattern {
      @Override
      public String toString() {
        return Integer.toString(code);
      }
    }

    /** {@code 2xx}: any status whose first digit is {@code hundreds}. */
    record Class(int hundreds) implements Pattern {
      @Override
      public String toString() {
        return hundreds + "xx";
      }
    }
  }
}
