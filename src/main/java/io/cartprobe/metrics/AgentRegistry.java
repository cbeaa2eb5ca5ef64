package io.cartprobe.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The agent's one Prometheus registry: {@code agent.labels} as common tags on every series (so
 * several agents, one per region, can be told apart in one Prometheus), plus JVM and process
 * metrics, and exemplars (see {@link RunExemplars}); the per-pair probe families are written
 * beside it by {@link PairSeries}. Close it on shutdown: the GC binder holds JMX notification listeners.
 */
public final class AgentRegistry implements AutoCloseable {

  /** Label names cartprobe's own series use; an agent label must not shadow them. */
  public static final Set<String> RESERVED_LABELS = Set.of("probe", "env", "step", "phase",
      "reason", "result", "alert", "webhook", "outcome", "version", "slo", "window", "variant");

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  private final PairSeries pairSeries;

  private AgentRegistry(PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics,
      Map<String, String> agentLabels) {
    this.registry = registry;
    this.gcMetrics = gcMetrics;
    this.pairSeries = new PairSeries(agentLabels, java.time.Clock.systemUTC());
  }

  /**
   * @param agentLabels {@code agent.labels}: Prometheus label names to values
   * @throws IllegalArgumentException for a name that is not a Prometheus label name or is reserved
   */
  public static AgentRegistry create(Map<String, String> agentLabels) {
    List<Tag> common = agentLabels.entrySet().stream()
        .map(e -> Tag.of(checkLabelName(e.getKey()), e.getValue()))
        .toList();
    // The exemplar sampler gives the duration histograms their runs' trace ids (OpenMetrics only).
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(exemplarsOnBucketsOnly(),
        new PrometheusRegistry(), Clock.SYSTEM, new RunExemplars());
    // Common tags first: a filter applies only to meters registered after it.
    registry.config().commonTags(common);
    // `promtool check metrics` (a contract of the design) rejects two of Micrometer's standard
    // names: process_cpu_time_ns_total ("abbreviated units") and system_cpu_count ("_count" on a
    // gauge). The first is replaced below by the Prometheus-standard process_cpu_seconds_total;
    // the CPU count is dropped (system_cpu_usage and process_cpu_usage remain).
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"));

    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    bindProcessCpuSeconds(registry);
    return new AgentRegistry(registry, gc, agentLabels);
  }

  /**
   * Micrometer's default also puts exemplars on {@code _count} and on counters. Prometheus 2.x
   * rejects a whole scrape with an exemplar on a histogram's {@code _count} ("does not support
   * exemplars"), so exemplars stay where OpenMetrics 1.0 allows them: on buckets.
   */
  private static PrometheusConfig exemplarsOnBucketsOnly() {
    return new PrometheusConfig() {
      @Override
      public @Nullable String get(String key) {
        return null;
      }

      @Override
      public Properties prometheusProperties() {
        Properties properties = PrometheusConfig.super.prometheusProperties();
        properties.setProperty("io.prometheus.exporter.exemplarsOnAllMetricTypes", "false");
        return properties;
      }
    };
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The per-pair probe families and alert gauges, written beside the registry's meters. */
  PairSeries pairSeries() {
    return pairSeries;
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }

  private static void bindProcessCpuSeconds(PrometheusMeterRegistry registry) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sunOs) {
      FunctionCounter.builder("process.cpu", sunOs, b -> b.getProcessCpuTime() / 1e9)
          .description("Total user and system CPU time spent by the process")
          .baseUnit("seconds")
          .register(registry);
    }
  }

  private static String checkLabelName(String name) {
    if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
      throw new IllegalArgumentException("agent label " + name + " is not a Prometheus label name");
    }
    if (RESERVED_LABELS.contains(name)) {
      throw new IllegalArgumentException("agent label " + name + " is reserved by cartprobe");
    }
    return name;
  }
}
