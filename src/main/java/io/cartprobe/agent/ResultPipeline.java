package io.cartprobe.agent;

import io.cartprobe.config.ProbeType;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import io.cartprobe.watch.Attribution;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every scheduled result takes: enrich a failed checkout with its gateway evidence
 * and probable cause, then hand it to each sink in the stated order. The order matters: the
 * config watch and attribution see a gateway-config result before the checkout that follows it,
 * history records before the run log derives "state changed" from it, and alerting comes last
 * so a notification can only say what every other surface already shows.
 */
final class ResultPipeline implements ResultSink {

  private static final Logger log = LoggerFactory.getLogger(ResultPipeline.class);

  private final GatewayEvidence evidence;
  private final Attribution attribution;
  private final List<ResultSink> sinks;
  private final UnaryOperator<ProbeResult> keepArtifacts;

  ResultPipeline(GatewayEvidence evidence, Attribution attribution, List<ResultSink> sinks) {
    this(evidence, attribution, sinks, UnaryOperator.identity());
  }

  /** @param keepArtifacts writes a failed browser step's artifacts, and says where in the result */
  ResultPipeline(GatewayEvidence evidence, Attribution attribution, List<ResultSink> sinks,
      UnaryOperator<ProbeResult> keepArtifacts) {
    this.keepArtifacts = keepArtifacts;
    this.evidence = evidence;
    this.attribution = attribution;
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public void accept(ProbeResult result) {
    ProbeResult enriched = enrich(keepArtifacts.apply(result));
    for (ResultSink sink : sinks) {
      try {
        sink.accept(enriched);
      } catch (RuntimeException e) {
        // One broken consumer must not starve the others of the result.
        log.error("{} could not take the result of {} @ {}", sink.getClass().getSimpleName(),
            result.probe(), result.environment(), e);
      }
    }
  }

  private ProbeResult enrich(ProbeResult result) {
    if (!result.failed() || result.probeType() != ProbeType.CHECKOUT) {
      return result;
    }
    evidence.gatherFor(result.environment(), result.startedAt());
    return attribution.diagnose(result);
  }
}
