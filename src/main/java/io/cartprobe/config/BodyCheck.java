package io.cartprobe.config;

import com.google.re2j.Pattern;

/** A check on the raw response body: {@code body: {contains, not_contains, matches}}. */
public sealed interface BodyCheck {

  record Contains(String text) implements BodyCheck {}

  record NotContains(String text) implements BodyCheck {}

  /** A regex found anywhere in the body. */
  record Matches(Pattern regex) implements BodyCheck {}
}
