package io.cartprobe.probe;

import io.cartprobe.config.ClientSettings;
import io.cartprobe.config.Environment;
import io.cartprobe.http.RunSession;
import java.util.Map;

/**
 * What the steps of one attempt share: the HTTP session, the values extracted so far, the
 * template scope over them, the run's redactor and the run's Idempotency-Key values (kept
 * across attempts, so a retried request carries the key the server saw first), the
 * {@code tls:}/{@code auth:} the steps inherit, the run's credentials, the run's clock for
 * step start times, the browsers that {@code browser:} steps open their pages in, and where the
 * CPU-bound checks of a response run.
 */
record RunState(
    RunSession session,
    Map<String, String> extracted,
    TemplateScope scope,
    Redactor redactor,
    Map<String, String> idempotencyKeys,
    Environment environment,
    ClientSettings client,
    StepAuth auth,
    RunClock clock,
    io.cartprobe.browser.Browsers browsers,
    ResponseChecks checks) {}
