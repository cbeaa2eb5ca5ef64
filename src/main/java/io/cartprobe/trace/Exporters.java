package io.cartprobe.trace;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the OTLP span exporter and the resource (service.name, OTEL_RESOURCE_ATTRIBUTES ...) the
 * way the SDK's autoconfiguration reads them, so every standard OTEL_EXPORTER_OTLP_* variable
 * (endpoint, protocol, headers, timeout, compression, certificates) means what it means
 * everywhere. cartprobe builds its spans itself, so it keeps the exporter and the resource and
 * shuts the rest of the autoconfigured SDK down at once.
 */
final class Exporters {

  /** The exporter, which the caller now owns, and the resource to put on every span. */
  record Built(SpanExporter exporter, Resource resource) {}

  private Exporters() {}

  /** @throws IllegalArgumentException for settings the SDK rejects, with its reason */
  static Built build(OtlpSettings settings, String version) {
    AtomicReference<SpanExporter> exporter = new AtomicReference<>();
    AtomicReference<Resource> resource = new AtomicReference<>();
    AutoConfiguredOpenTelemetrySdk sdk;
    try {
      sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .disableShutdownHook()
          .addPropertiesSupplier(settings::defaults)
          .addPropertiesCustomizer(config -> settings.overrides())
          .addResourceCustomizer((detected, config) -> {
            Resource withVersion = Resource.builder().put("service.version", version).build()
                .merge(detected); // what the environment says wins
            resource.set(withVersion);
            return withVersion;
          })
          .addSpanExporterCustomizer((built, config) -> {
            exporter.set(built);
            return SpanExporter.composite(); // the SDK's own pipeline gets nothing to send
          })
          .build();
    } catch (ConfigurationException e) {
      // The SDK quotes a malformed headers value whole, and headers carry API keys.
      String message = String.valueOf(e.getMessage());
      throw new IllegalArgumentException(message.contains("headers")
          ? "invalid OTLP headers (expected name=value,name2=value2, values percent-encoded)"
          : message, e);
    }
    sdk.getOpenTelemetrySdk().shutdown().join(1, TimeUnit.SECONDS);
    if (exporter.get() == null || resource.get() == null) {
      throw new IllegalStateException("the OpenTelemetry SDK built no OTLP span exporter");
    }
    return new Built(exporter.get(), resource.get());
  }
}
