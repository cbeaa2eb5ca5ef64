package io.cartprobe.agent;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.config.ProbeType;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ConfigChangeSink;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import io.cartprobe.watch.ConfigWatch;
import io.cartprobe.watch.WatchState;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config watch as a result sink: a gateway-config result is compared with its baseline, and a
 * change goes to every change sink before the result goes on to the next result sink. Baselines
 * are saved when they are first taken and when they change.
 */
final class WatchStage implements ResultSink {

  private static final Logger log = LoggerFactory.getLogger(WatchStage.class);

  private final ProbeIndex probes;
  private final ConfigWatch watch;
  private final Optional<Consumer<WatchState>> store;
  private final List<ConfigChangeSink> changeSinks;

  WatchStage(Supplier<CartprobeConfig> config, ConfigWatch watch, Optional<Consumer<WatchState>> store,
      List<ConfigChangeSink> changeSinks) {
    this.probes = new ProbeIndex(config);
    this.watch = watch;
    this.store = store;
    this.changeSinks = List.copyOf(changeSinks);
  }

  @Override
  public void accept(ProbeResult result) {
    if (result.probeType() != ProbeType.GATEWAY_CONFIG
        || !(probes.current().probe(result.probe()).orElse(null)
            instanceof GatewayConfigProbe gateway)) {
      return;
    }
    boolean hadBaseline = watch.hasBaseline(gateway.name(), result.environment());
    Optional<ConfigChange> change = watch.observe(gateway, result);
    change.ifPresent(c -> changeSinks.forEach(sink -> sink.accept(c)));
    // Saved when a baseline is taken, changes or goes (its watch list emptied by a reload); a
    // probe that watches nothing has none to save, run after run.
    if (change.isPresent() || hadBaseline != watch.hasBaseline(gateway.name(), result.environment())) {
      save();
    }
  }

  private void save() {
    store.ifPresent(s -> s.accept(watch.snapshot()));
  }
}
