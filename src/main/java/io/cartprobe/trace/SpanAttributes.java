package io.cartprobe.trace;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute names of cartprobe's spans: OpenTelemetry's HTTP semantic conventions where they
 * fit (so a tracing backend shows a step like any HTTP client call), {@code cartprobe.*} for the
 * rest. Part of the contract in docs/tracing.md.
 */
final class SpanAttributes {

  static final AttributeKey<String> PROBE = AttributeKey.stringKey("cartprobe.probe");
  static final AttributeKey<String> ENV = AttributeKey.stringKey("cartprobe.env");
  /** Only on runs of a probe with a matrix. */
  static final AttributeKey<String> VARIANT = AttributeKey.stringKey("cartprobe.variant");
  static final AttributeKey<String> PROBE_TYPE = AttributeKey.stringKey("cartprobe.probe.type");
  static final AttributeKey<String> VERDICT = AttributeKey.stringKey("cartprobe.verdict");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("cartprobe.attempts");
  static final AttributeKey<String> LOCATION = AttributeKey.stringKey("cartprobe.location");
  static final AttributeKey<Double> FLOW_DURATION =
      AttributeKey.doubleKey("cartprobe.flow.duration_seconds");
  static final AttributeKey<String> FAILED_STEP = AttributeKey.stringKey("cartprobe.failure.step");
  static final AttributeKey<String> FAILED_COMPONENT =
      AttributeKey.stringKey("cartprobe.failure.component");
  static final AttributeKey<String> FAILURE_REASON =
      AttributeKey.stringKey("cartprobe.failure.reason");
  static final AttributeKey<String> FAILURE_MESSAGE =
      AttributeKey.stringKey("cartprobe.failure.message");
  static final AttributeKey<String> CLASSIFICATION =
      AttributeKey.stringKey("cartprobe.failure.classification");
  static final AttributeKey<String> PROBABLE_CAUSE =
      AttributeKey.stringKey("cartprobe.probable_cause");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("cartprobe.attempt");

  static final AttributeKey<String> STEP = AttributeKey.stringKey("cartprobe.step");
  static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("cartprobe.component");
  static final AttributeKey<String> STEP_STATUS = AttributeKey.stringKey("cartprobe.step.status");
  static final AttributeKey<Boolean> CLEANUP = AttributeKey.booleanKey("cartprobe.cleanup");
  static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  static final AttributeKey<String> CHECK = AttributeKey.stringKey("cartprobe.assertion.check");
  static final AttributeKey<String> EXPECTED =
      AttributeKey.stringKey("cartprobe.assertion.expected");
  static final AttributeKey<String> ACTUAL = AttributeKey.stringKey("cartprobe.assertion.actual");

  private SpanAttributes() {}
}
