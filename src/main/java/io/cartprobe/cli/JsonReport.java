package io.cartprobe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultJson;
import io.cartprobe.result.Verdict;
import java.io.PrintWriter;
import java.util.List;

/** {@code run -o json}: {"results": [...the full result model...], "summary": {...}}. */
final class JsonReport {

  private JsonReport() {}

  static void print(PrintWriter out, List<ProbeResult> results) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    var array = root.putArray("results");
    results.forEach(r -> array.add(ResultJson.toJson(r)));
    ObjectNode summary = root.putObject("summary");
    summary.put("runs", results.size());
    for (Verdict verdict : Verdict.values()) {
      summary.put(verdict.wireName(), results.stream().filter(r -> r.verdict() == verdict).count());
    }
    out.println(mapper.writeValueAsString(root));
  }
}
