package io.cartprobe.cli;

import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import io.cartprobe.result.json.Json;
import io.cartprobe.result.json.SchemaVersion;
import java.io.PrintWriter;
import java.util.List;

/** {@code run -o json}: {"schema_version": 1, "results": [...the result model...], "summary": {...}}. */
final class JsonReport {

  private JsonReport() {}

  record Report(int schemaVersion, List<ProbeResult> results, Summary summary) {}

  record Summary(int runs, long success, long degraded, long failure) {}

  static void print(PrintWriter out, List<ProbeResult> results) {
    out.println(Json.pretty(new Report(SchemaVersion.CURRENT, results, new Summary(results.size(),
        count(results, Verdict.SUCCESS), count(results, Verdict.DEGRADED),
        count(results, Verdict.FAILURE)))));
  }

  private static long count(List<ProbeResult> results, Verdict verdict) {
    return results.stream().filter(r -> r.verdict() == verdict).count();
  }
}
