package io.cartprobe.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated rules pass the real {@code promtool check rules}, and {@code promtool test rules}
 * with checkout series that burn a 99.5 % SLO's budget at known rates: 10 runs a minute, and
 * failures at a multiple of the 0.5 % budget. The page fires at 20x (1h/5m), stays quiet at 12x
 * after a quiet morning and once a burst has stopped; the ticket fires for a budget that is
 * being spent faster than 1x; below 1x nothing fires.
 */
class SloRulesPromtoolTest {

  static final String CONFIG = """
      environments:
        fast: {vars: {base_url: "http://x"}}
        burst12: {vars: {base_url: "http://x"}}
        stopped: {vars: {base_url: "http://x"}}
        low: {vars: {base_url: "http://x"}}
        staging: {vars: {base_url: "http://x"}}
      probes:
        - {name: checkout, type: checkout, steps: [{name: s, request: {url: "{{base_url}}/"}}]}
      slos:
        - name: checkout-availability
          probes: [checkout]
          environments: [fast, burst12, stopped, low]
          objective: 99.5
          window: 30d
      """;

  static final String TESTS = """
      rule_files: [slo-rules.yml]
      evaluation_interval: 1m
      tests:
        - interval: 1m
          input_series:
            # 10 runs a minute everywhere
            - {series: 'cartprobe_probe_runs_total{probe="checkout",env="fast",result="success"}', values: '0+10x360'}
            - {series: 'cartprobe_probe_runs_total{probe="checkout",env="burst12",result="success"}', values: '0+10x360'}
            - {series: 'cartprobe_probe_runs_total{probe="checkout",env="stopped",result="success"}', values: '0+10x360'}
            - {series: 'cartprobe_probe_runs_total{probe="checkout",env="low",result="success"}', values: '0+10x360'}
            - {series: 'cartprobe_probe_runs_total{probe="checkout",env="staging",result="success"}', values: '0+10x360'}
            # 5h quiet, then 1 failure a minute (10 %, 20x the budget) for the last hour
            - {series: 'cartprobe_probe_runs_total{probe="checkout",env="fast",result="failure"}', values: '0x300 1+1x59'}
            # 5h quiet, then 0.6 a minute (6 %, 12x): under 14.4x, and the 6h window is at 2x
            - {series: 'cartprobe_probe_runs_total{probe="checkout",env="burst12",result="failure"}', values: '0x300 0.6+0.6x59'}
            # 20x from 4h to 5h, then quiet for an hour: the short windows are clean again
            - {series: 'cartprobe_probe_runs_total{probe="checkout",env="stopped",result="failure"}', values: '0x240 1+1x59 60x60'}
            # 0.04 a minute all along (0.4 %, 0.8x): within budget
            - {series: 'cartprobe_probe_runs_total{probe="checkout",env="low",result="failure"}', values: '0+0.04x360'}
            # not in the SLO: failing hard, never alerts
            - {series: 'cartprobe_probe_runs_total{probe="checkout",env="staging",result="failure"}', values: '0+10x360'}
          promql_expr_test:
            - expr: slo_env:cartprobe_slo_error_ratio:rate1h{env="fast"}
              eval_time: 6h
              exp_samples:
                - {labels: 'slo_env:cartprobe_slo_error_ratio:rate1h{env="fast",slo="checkout-availability"}', value: 0.09090909090909091}
          alert_rule_test:
            - alertname: CartprobeSloBurnRatePage
              eval_time: 6h
              exp_alerts:
                - exp_labels: {severity: critical, slo: checkout-availability, env: fast}
                  exp_annotations:
                    summary: SLO checkout-availability is burning its error budget in fast
                    description: 'Runs of checkout fail faster than the 99.5% objective over 30d allows (14.4x over 1h/5m or 6x over 6h/30m); at this rate the budget is gone early.'
            # while "stopped" burned at 20x it paged; an hour later (6h, above) it is quiet
            - alertname: CartprobeSloBurnRatePage
              eval_time: 5h
              exp_alerts:
                - exp_labels: {severity: critical, slo: checkout-availability, env: stopped}
                  exp_annotations:
                    summary: SLO checkout-availability is burning its error budget in stopped
                    description: 'Runs of checkout fail faster than the 99.5% objective over 30d allows (14.4x over 1h/5m or 6x over 6h/30m); at this rate the budget is gone early.'
            - alertname: CartprobeSloBurnRateTicket
              eval_time: 6h
              exp_alerts:
                - exp_labels: {severity: warning, slo: checkout-availability, env: fast}
                  exp_annotations:
                    summary: SLO checkout-availability is burning its error budget in fast
                    description: 'Runs of checkout fail faster than the 99.5% objective over 30d allows (3x over 1d/2h or 1x over 3d/6h); at this rate the budget is gone early.'
                - exp_labels: {severity: warning, slo: checkout-availability, env: burst12}
                  exp_annotations:
                    summary: SLO checkout-availability is burning its error budget in burst12
                    description: 'Runs of checkout fail faster than the 99.5% objective over 30d allows (3x over 1d/2h or 1x over 3d/6h); at this rate the budget is gone early.'
                - exp_labels: {severity: warning, slo: checkout-availability, env: stopped}
                  exp_annotations:
                    summary: SLO checkout-availability is burning its error budget in stopped
                    description: 'Runs of checkout fail faster than the 99.5% objective over 30d allows (3x over 1d/2h or 1x over 3d/6h); at this rate the budget is gone early.'
      """;

  @TempDir Path dir;

  private CartprobeConfig config() throws Exception {
    return new ConfigLoader(Map.of()).parse("probes.yaml", CONFIG, dir);
  }

  @Test
  void theRulesPassPromtoolCheck() throws Exception {
    Path rules = dir.resolve("slo-rules.yml");
    Files.writeString(rules, SloRules.render(config()));
    String output = promtool("check", "rules", rules.toString());
    assertThat(output).contains("SUCCESS: 9 rules found");
  }

  @Test
  void theAlertsFireAtTheRatesTheyShouldAndStayQuietBelow() throws Exception {
    Files.writeString(dir.resolve("slo-rules.yml"), SloRules.render(config()));
    Path tests = dir.resolve("slo-rules-test.yml");
    Files.writeString(tests, TESTS);
    String output = promtool("test", "rules", tests.toString());
    assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void thresholdsAreTheFactorTimesTheErrorBudget() throws Exception {
    String rules = SloRules.render(config());
    assertThat(rules)
        .contains("slo_env:cartprobe_slo_error_ratio:rate1h{slo=\"checkout-availability\"} > 0.072")
        .contains("slo_env:cartprobe_slo_error_ratio:rate30m{slo=\"checkout-availability\"} > 0.03")
        .contains("slo_env:cartprobe_slo_error_ratio:rate2h{slo=\"checkout-availability\"} > 0.015")
        .contains("slo_env:cartprobe_slo_error_ratio:rate3d{slo=\"checkout-availability\"} > 0.005")
        .contains("probe=~\"checkout\",env=~\"fast|burst12|stopped|low\",result=\"failure\"");
  }

  private static String promtool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(find().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static Path find() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(d, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail("promtool is not on PATH: install the Debian package 'prometheus'");
  }
}
