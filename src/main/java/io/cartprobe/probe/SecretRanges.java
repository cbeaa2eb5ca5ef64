package io.cartprobe.probe;

import java.util.ArrayList;
import java.util.List;

/** Where in a text a secret is written, in any form, in the text itself or a decoding of it. */
final class SecretRanges {

  private SecretRanges() {}

  /** Each occurrence as {start, end} of {@code text}; they may overlap. */
  static List<int[]> find(String text, List<SecretForm> forms) {
    List<int[]> ranges = new ArrayList<>();
    if (forms.isEmpty()) {
      return ranges;
    }
    for (DecodedView view : DecodedView.all(text)) {
      String in = view.text();
      for (SecretForm form : forms) {
        for (int at = in.indexOf(form.text()); at >= 0; at = in.indexOf(form.text(), at + 1)) {
          int[] hidden = form.hidden(in, at, at + form.text().length());
          ranges.add(new int[] {view.originalStart(hidden[0]), view.originalEnd(hidden[1])});
        }
      }
    }
    return ranges;
  }
}
