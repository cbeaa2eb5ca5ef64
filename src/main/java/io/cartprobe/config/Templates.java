package io.cartprobe.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks {@code {{name}}} templates at load time wherever the answer is already known: a name
 * must come from an earlier step's {@code extract}, the {@code vars} of every environment the
 * probe runs in (or the probe's own), a secret of every such environment, or a built-in.
 */
final class Templates {

  static final List<String> BUILT_INS = List.of("uuid", "now_unix", "now_iso", "random_int", "env_name", "probe_name");

  private static final Pattern NAME = Pattern.compile("(secret\\.)?[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private Templates() {}

  /** A string holding templates, and where it is written. */
  record Use(Cursor at, String text) {}

  /**
   * What one request of a probe can see. {@code extracted}: names of earlier steps (every
   * step, for cleanup); {@code laterSteps}: names extracted by this step or later ones (name to step), for a better hint.
   */
  record Scope(List<Environment> environments, Set<String> probeVars, Set<String> extracted,
      Map<String, String> laterSteps) {}

  /** The names inside {@code {{...}}}, reporting malformed templates at {@code at}. */
  static List<String> names(Cursor at, String text) {
    List<String> names = new ArrayList<>();
    int i = 0;
    while ((i = text.indexOf("{{", i)) >= 0) {
      int close = text.indexOf("}}", i + 2);
      if (close < 0) {
        at.error("unterminated template '{{' (expected '}}')");
        break;
      }
      String name = text.substring(i + 2, close).trim();
      if (NAME.matcher(name).matches()) {
        names.add(name);
      } else {
        String written = text.substring(i, close + 2);
        at.error("invalid template " + at.shown(written, "'" + written + "'") + " (expected {{name}})");
      }
      i = close + 2;
    }
    return names;
  }

  static void check(Use use, Scope scope) {
    for (String name : names(use.at(), use.text())) {
      problem(name, use.at().shown(name, "'" + name + "'"), scope).ifPresent(use.at()::error);
    }
  }

  /** @param shown how the message may show the name (not at all when it came from ${...}) */
  private static java.util.Optional<String> problem(String name, String shown, Scope scope) {
    if (BUILT_INS.contains(name) || scope.extracted().contains(name) || scope.probeVars().contains(name)) {
      return java.util.Optional.empty();
    }
    boolean secret = name.startsWith("secret.");
    String bare = secret ? name.substring("secret.".length()) : name;
    Function<Environment, Map<String, String>> source = secret ? Environment::secrets : Environment::vars;
    List<String> missingIn = scope.environments().stream()
        .filter(e -> !source.apply(e).containsKey(bare)).map(Environment::name).toList();
    if (missingIn.isEmpty() && !scope.environments().isEmpty()) {
      return java.util.Optional.empty();
    }
    if (missingIn.size() < scope.environments().size()) {
      return java.util.Optional.of("template variable " + shown + " is not defined in environment"
          + (missingIn.size() == 1 ? " '" + missingIn.getFirst() + "'" : "s '" + String.join("', '", missingIn) + "'"));
    }
    if (!secret && scope.laterSteps().containsKey(name)) {
      return java.util.Optional.of("unknown template variable " + shown
          + " (it is extracted by step '" + scope.laterSteps().get(name) + "', which has not run yet)");
    }
    Set<String> known = known(scope);
    return java.util.Optional.of("unknown template variable " + shown
        + (shown.startsWith("'") ? Suggest.didYouMean(name, known) : "") + "; known here: "
        + String.join(", ", known));
  }

  /** Every name usable here, in lookup order: extracted, vars, secrets, built-ins. */
  private static Set<String> known(Scope scope) {
    Set<String> known = new LinkedHashSet<>(scope.extracted());
    known.addAll(scope.probeVars());
    List<Environment> envs = scope.environments();
    if (!envs.isEmpty()) {
      envs.getFirst().vars().keySet().stream()
          .filter(k -> envs.stream().allMatch(e -> e.vars().containsKey(k))).forEach(known::add);
      envs.getFirst().secrets().keySet().stream()
          .filter(k -> envs.stream().allMatch(e -> e.secrets().containsKey(k))).forEach(k -> known.add("secret." + k));
    }
    known.addAll(BUILT_INS);
    return known;
  }
}
