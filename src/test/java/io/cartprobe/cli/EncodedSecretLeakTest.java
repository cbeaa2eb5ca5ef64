package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The leak audit of `cartprobe run` for encoded secrets: a target echoes the API key it was
 * sent in every encoding libraries write, in its body and a header, and each output format
 * shows none of them.
 */
class EncodedSecretLeakTest {

  /** Has '=', '/', '"', '+' and a space, so every encoding changes it. */
  static final String SECRET = "sk_live_4eC3=9/Hq\"L+y jW";

  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Each encoded form, by name, as it appears in the echoed body. */
  static Map<String, String> forms() {
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("literal", SECRET);
    forms.put("json_gson", json(SECRET).replace("=", "\\u003d"));
    forms.put("json_upper_hex", json(SECRET).replace("=", "\\u003D").replace("/", "\\/"));
    StringBuilder allEscaped = new StringBuilder();
    SECRET.chars().forEach(c -> allEscaped.append(String.format(Locale.ROOT, "\\u%04x", c)));
    forms.put("json_every_char", allEscaped.toString());
    forms.put("url_form", URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
    forms.put("url_path", Pattern.compile("%[0-9A-F]{2}")
        .matcher(URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("+", "%20"))
        .replaceAll(m -> m.group().toLowerCase(Locale.ROOT)));
    forms.put("base64", b64(Base64.getEncoder(), SECRET));
    forms.put("base64_url_unpadded", b64(Base64.getUrlEncoder().withoutPadding(), SECRET));
    forms.put("base64_basic_auth", b64(Base64.getEncoder(), "user:" + SECRET));
    forms.put("base64_offset_1", b64(Base64.getEncoder(), "u" + SECRET + "!"));
    return forms;
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String b64(Base64.Encoder encoder, String s) {
    return encoder.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "junit"})
  void noFormOfTheSecretInAnyOutput(String format) throws Exception {
    // The literal goes in a header (it is not valid inside a JSON string), the rest in the body.
    StringBuilder body = new StringBuilder("{");
    forms().forEach((name, form) -> {
      if (!name.equals("literal")) {
        body.append('"').append(name).append("\":\"").append(form).append("\",");
      }
    });
    body.append("\"ok\":false}");
    server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
        .addHeader("X-Echo", SECRET).body(body.toString()).build());
    Files.writeString(dir.resolve("probes.yaml"), """
        environments:
          staging:
            vars: {base_url: "%s"}
            secrets: {gateway_key: "${GW_KEY}"}
        probes:
          - name: gw
            type: gateway-config
            request:
              url: "{{base_url}}/v1/account"
              headers: {Authorization: "Bearer {{secret.gateway_key}}"}
            expect:
              status: 200
              headers: {X-Echo: other}
              json: {$.json_gson: other, $.base64: other}
        """.formatted(server.url("/").toString().replaceAll("/$", "")));

    CliContext context = new CliContext(Map.of("GW_KEY", SECRET), dir, Terminal.PLAIN,
        Clock.systemUTC());
    int exit = Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute("run", "-o", format, "-v");

    assertThat(exit).as(err.toString()).isEqualTo(1);
    String output = out.toString();
    assertThat(output).contains("***");
    // The distinctive middle of the key, in whatever escaping the output format adds.
    assertThat(output.toLowerCase(Locale.ROOT)).doesNotContain("4ec3").doesNotContain("u0034");
    forms().forEach((name, form) -> {
      String asPrinted = format.equals("text") ? form : json(form);
      assertThat(output).as(name).doesNotContain(form).doesNotContain(asPrinted);
    });
    // No 4 characters in a row of a Base64 text that carry only bits of the secret.
    Map<String, Integer> prefixBytes = Map.of("base64", 0, "base64_url_unpadded", 0,
        "base64_basic_auth", 5, "base64_offset_1", 1);
    prefixBytes.forEach((name, p) -> {
      String encoded = forms().get(name);
      int from = (8 * p + 5) / 6;
      int to = 8 * (p + SECRET.getBytes(StandardCharsets.UTF_8).length) / 6;
      for (int i = from; i + 4 <= to; i++) {
        assertThat(output).as(name).doesNotContain(encoded.substring(i, i + 4));
      }
    });
  }
}
