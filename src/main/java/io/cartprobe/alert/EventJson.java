package io.cartprobe.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.util.StdConverter;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbableCause.FieldChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire form of an {@link AlertEvent}: cartprobe's own event (docs/webhook-event.schema.json),
 * the body of the {@code json} webhook format and the form an event takes in the state file.
 * A record of its own because the wire adds what is derived from the event (status, summary,
 * description, how long it lasted), gives the interval in whole seconds and the probable cause
 * with its summary first; camelCase, as the schema was published. {@link AlertEvent} names this
 * as its converter, so wherever an event is bound (the state file) it takes this shape.
 *
 * @param receiver the webhook's name; only in a webhook body, left out of the state file
 * @param generatorUrl the agent's page for the pair; only in a webhook body
 * @param providerStatus the provider's own word on its status page, one line each; absent when
 *     it reports no trouble
 * @param evidenceUrl the agent's evidence page for the episode; only in a firing webhook body
 */
@JsonNaming(LowerCamelCaseStrategy.class)
public record EventJson(
    String schema,
    String id,
    EventKind kind,
    String status,
    Instant at,
    String alert,
    String severity,
    String probe,
    String env,
    Map<String, String> labels,
    String condition,
    String summary,
    String description,
    Instant startsAt,
    Optional<Instant> endsAt,
    Optional<Double> durationSeconds,
    Instant failuresBegan,
    int failedRuns,
    Optional<FailureDetail> failure,
    Optional<String> traceId,
    Optional<Cause> probableCause,
    Optional<String> causeNote,
    Optional<String> runbook,
    long probeIntervalSeconds,
    List<String> webhooks,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> receiver,
    @JsonProperty("generatorURL") @JsonInclude(JsonInclude.Include.NON_ABSENT)
    Optional<String> generatorUrl,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> providerStatus,
    @JsonProperty("evidenceURL") @JsonInclude(JsonInclude.Include.NON_ABSENT)
    Optional<String> evidenceUrl,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<AlertEvent.VariantTally> variants) {

  public EventJson {
    providerStatus = providerStatus == null ? List.of() : List.copyOf(providerStatus);
    evidenceUrl = evidenceUrl == null ? Optional.empty() : evidenceUrl;
    variant = variant == null ? "" : variant;
    variants = variants == null ? Optional.empty() : variants;
  }

  public static final String SCHEMA = "https://cartprobe.io/schemas/webhook-event/v1";

  /** A {@link ProbableCause} as the event has it: the summary before the changes. */
  @JsonNaming(LowerCamelCaseStrategy.class)
  public record Cause(String probe, String env, Instant at, String summary,
      List<FieldChange> changes, Optional<String> failure, ProbableCause.Confidence confidence,
      String why) {

    /** State files from before confidence was kept claimed more than they knew: possible. */
    public Cause {
      confidence = confidence == null ? ProbableCause.Confidence.POSSIBLE : confidence;
      why = why == null ? "" : why;
    }

    static Cause of(ProbableCause c) {
      return new Cause(c.probe(), c.environment(), c.at(), c.summary(), c.changes(), c.failure(),
          c.confidence(), c.why());
    }

    ProbableCause cause() {
      return new ProbableCause(probe, env, at, changes, failure, confidence, why);
    }
  }

  public static EventJson of(AlertEvent e) {
    return new EventJson(SCHEMA, e.id(), e.kind(), e.status(), e.at(), e.alert(), e.severity(),
        e.probe(), e.env(), e.agentLabels(), e.condition(), e.summary(), e.description(),
        e.startsAt(), e.endsAt(), e.lasted().map(d -> d.toMillis() / 1000.0), e.failuresBegan(),
        e.failedRuns(), e.failure(), e.traceId(), e.probableCause().map(Cause::of), e.causeNote(),
        e.runbook(),
        e.probeInterval().toSeconds(), e.webhooks(), Optional.empty(), Optional.empty(),
        e.providerStatus(), Optional.empty(), e.variant(), e.variants());
  }

  /** The webhook body: this event, addressed. */
  public EventJson sentBy(String receiverName, String generatorUrlOfPair,
      Optional<String> evidencePage) {
    return new EventJson(schema, id, kind, status, at, alert, severity, probe, env, labels,
        condition, summary, description, startsAt, endsAt, durationSeconds, failuresBegan,
        failedRuns, failure, traceId, probableCause, causeNote, runbook, probeIntervalSeconds,
        webhooks, Optional.of(receiverName), Optional.of(generatorUrlOfPair), providerStatus,
        evidencePage, variant, variants);
  }

  /** The event back; what is derived from it is derived again, not read. */
  public AlertEvent event() {
    return new AlertEvent(id, kind, at, alert, severity, probe, env, labels, condition, startsAt,
        endsAt, failuresBegan, failedRuns, failure, traceId, probableCause.map(Cause::cause),
        runbook, Duration.ofSeconds(probeIntervalSeconds), webhooks, causeNote, providerStatus,
        variant, variants == null ? Optional.empty() : variants);
  }

  static final class FromEvent extends StdConverter<AlertEvent, EventJson> {
    @Override
    public EventJson convert(AlertEvent value) {
      return of(value);
    }
  }

  static final class ToEvent extends StdConverter<EventJson, AlertEvent> {
    @Override
    public AlertEvent convert(EventJson value) {
      return value.event();
    }
  }
}
