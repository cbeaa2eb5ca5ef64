package io.cartprobe.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/probes.schema.json compiles in Ajv's strict mode (the validator most editors and CI
 * linters use) and Ajv agrees with the loader on every example probes.yaml. Ajv and its lock
 * file live in src/test/ajv and are installed with npm ci into target/; the test is skipped,
 * saying so, only where Node.js is not installed.
 */
class ProbesSchemaAjvTest {

  static final Path AJV_SOURCES = Path.of("src/test/ajv");
  static final Path AJV_DIR = Path.of("target/ajv-check");

  @TempDir Path tmp;

  @BeforeAll
  static void installAjv() throws Exception {
    Optional<Path> node = onPath("node");
    Assumptions.assumeTrue(node.isPresent(),
        "skipped: node is not on the PATH (install Node.js and npm, e.g. apt-get install nodejs npm, "
            + "to check the schema with Ajv)");
    Path npm = onPath("npm").orElseThrow(() -> new AssertionError(
        "node is installed but npm is not: npm installs Ajv for this test"));
    Files.createDirectories(AJV_DIR);
    for (String file : List.of("package.json", "package-lock.json", "check-schema.mjs")) {
      Files.copy(AJV_SOURCES.resolve(file), AJV_DIR.resolve(file),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(AJV_DIR.resolve("node_modules/ajv"))) {
      Result ci = run(AJV_DIR, 300, npm.toString(), "ci", "--no-audit", "--no-fund");
      assertThat(ci.exit()).as("npm ci in %s:%n%s", AJV_DIR, ci.output()).isZero();
    }
  }

  @Test
  void theSchemaCompilesInStrictModeAndEveryExampleIsValid() throws Exception {
    List<String> args = new ArrayList<>(List.of("node", "check-schema.mjs",
        Path.of("docs/probes.schema.json").toAbsolutePath().toString()));
    Map<String, String> examples = ProbesSchemaTest.examples();
    int i = 0;
    for (String yaml : examples.values()) {
      Path doc = tmp.resolve("example-" + i++ + ".json");
      Files.writeString(doc, ProbesSchemaTest.JSON.writeValueAsString(ProbesSchemaTest.yamlToJson(yaml)));
      args.add(doc.toString());
    }
    Result check = run(AJV_DIR, 60, args.toArray(String[]::new));

    assertThat(check.output()).contains("in strict mode");
    assertThat(check.output().lines().filter(l -> l.startsWith("valid ")).count())
        .as(check.output()).isEqualTo(examples.size());
    assertThat(check.exit()).as(check.output()).isZero();
  }

  @Test
  void ajvRejectsWhatTheLoaderRejects() throws Exception {
    String yaml = """
        environments: {prod: {vars: {base_url: "http://127.0.0.1:1"}}}
        probes:
          - name: checkout
            type: checkout
            intreval: 30s
            steps:
              - name: a
                request: {url: "{{base_url}}/a", json: {a: 1}, body: "b"}
        """;
    Path doc = tmp.resolve("bad.json");
    Files.writeString(doc, ProbesSchemaTest.JSON.writeValueAsString(ProbesSchemaTest.yamlToJson(yaml)));
    Result check = run(AJV_DIR, 60, "node", "check-schema.mjs",
        Path.of("docs/probes.schema.json").toAbsolutePath().toString(), doc.toString());

    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.output()).contains("invalid " + doc, "must NOT have additional properties",
        "request/body boolean schema is false"); // json and body together (dependentSchemas)
  }

  @Test
  void strictModeIsOn() throws Exception {
    Path schema = tmp.resolve("loose.json");
    Files.writeString(schema, """
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "intreval": 1}
        """);
    Result check = run(AJV_DIR, 60, "node", "check-schema.mjs", schema.toString());

    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.output()).contains("strict mode: unknown keyword: \"intreval\"");
  }

  record Result(int exit, String output) {}

  static Result run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("ajv-check", ".log");
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      process.getOutputStream().close();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds
            + "s:\n" + Files.readString(log));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
