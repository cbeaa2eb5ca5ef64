package io.cartprobe.probe;

/**
 * Text that stops the reader at a deadline: RE2/J reads its input one character at a time
 * through {@link #charAt}, so matching ends within a few dozen characters of the deadline,
 * however large the pattern. Not thread-safe; one per match.
 */
final class DeadlineText implements CharSequence {

  /** nanoTime costs about as much as RE2/J's work on a character: check every 64th. */
  private static final int CHECK_EVERY = 64;

  private final String text;
  private final int start;
  private final int end;
  private final Deadline deadline;
  private int untilCheck = CHECK_EVERY;

  private DeadlineText(String text, int start, int end, Deadline deadline) {
    this.text = text;
    this.start = start;
    this.end = end;
    this.deadline = deadline;
  }

  static DeadlineText of(String text, Deadline deadline) {
    deadline.check();
    return new DeadlineText(text, 0, text.length(), deadline);
  }

  @Override
  public char charAt(int index) {
    if (--untilCheck == 0) {
      untilCheck = CHECK_EVERY;
      deadline.check();
    }
    return text.charAt(start + index);
  }

  @Override
  public int length() {
    return end - start;
  }

  @Override
  public CharSequence subSequence(int from, int to) {
    if (from < 0 || to > length() || from > to) {
      throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + length());
    }
    return new DeadlineText(text, start + from, start + to, deadline);
  }

  @Override
  public String toString() {
    return text.substring(start, end);
  }
}
