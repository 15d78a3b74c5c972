package dev.taskledger.cdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.projector.bridge.StreamBridgeHandler;
import dev.taskledger.projector.route.EventRoute;
import dev.taskledger.projector.route.EventRoutes;
import dev.taskledger.projector.route.ProjectorName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Events in motion: the table's stream feeds the bridge through an event source mapping with explicit settings
 * (batch 100, bisect on error, 5 retries, records at most 24 h old, partial batch failures, the local poller's
 * filter, an SQS queue for what still fails); the bus; one rule per shared event route, whose target retries
 * 8 times over up to 24 h and then parks the event in the rule's own dead-letter queue; the webhook sweep schedule.
 */
final class EventWiring {
    static final int STREAM_BATCH = dev.taskledger.projector.route.DeliverySettings.STREAM_BATCH_SIZE;
    static final int STREAM_RETRIES = dev.taskledger.projector.route.DeliverySettings.STREAM_RETRIES;
    static final int TARGET_RETRIES = dev.taskledger.projector.route.DeliverySettings.TARGET_RETRIES;

    final EventBus bus;
    final List<Queue> deadLetterQueues = new ArrayList<>();

    EventWiring(Construct scope, Table table, Alias bridge, Function<ProjectorName, Alias> targets) {
        Queue streamFailures = deadLetterQueue(scope, "StreamBridgeDlq");
        bridge.addEventSource(new DynamoEventSource(
                table,
                DynamoEventSourceProps.builder()
                        .startingPosition(StartingPosition.TRIM_HORIZON)
                        .batchSize(STREAM_BATCH)
                        .bisectBatchOnError(true)
                        .retryAttempts(STREAM_RETRIES)
                        .maxRecordAge(Duration.hours(
                                (int) dev.taskledger.projector.route.DeliverySettings.STREAM_MAX_RECORD_AGE.toHours()))
                        .reportBatchItemFailures(true)
                        .onFailure(new SqsDlq(streamFailures))
                        .filters(List.of(FilterCriteria.filter(json(StreamBridgeHandler.FILTER.lambdaFilterPattern()))))
                        .build()));
        bus = EventBus.Builder.create(scope, "Bus")
                .description("TaskLedger ledger events")
                .build();
        for (EventRoute route : EventRoutes.ALL) {
            Rule rule = Rule.Builder.create(scope, ruleId(route.ruleName()))
                    .eventBus(bus)
                    .description("event route " + route.ruleName())
                    .eventPattern(pattern(route.pattern()))
                    .build();
            rule.addTarget(target(scope, targets.apply(route.target()), ruleId(route.ruleName())));
        }
        Rule sweep = Rule.Builder.create(scope, "WebhookSweepRule")
                .description("sweeps due webhook retries")
                .schedule(Schedule.expression(EventRoutes.WEBHOOK_SWEEP_SCHEDULE))
                .build();
        sweep.addTarget(target(scope, targets.apply(ProjectorName.WEBHOOKS), "WebhookSweepRule"));
    }

    private LambdaFunction target(Construct scope, Alias function, String ruleId) {
        return new LambdaFunction(
                function,
                LambdaFunctionProps.builder()
                        .retryAttempts(TARGET_RETRIES)
                        .maxEventAge(Duration.hours(
                                (int) dev.taskledger.projector.route.DeliverySettings.TARGET_MAX_EVENT_AGE.toHours()))
                        .deadLetterQueue(deadLetterQueue(scope, ruleId + "Dlq"))
                        .build());
    }

    private Queue deadLetterQueue(Construct scope, String id) {
        Queue queue = Queue.Builder.create(scope, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        deadLetterQueues.add(queue);
        return queue;
    }

    static String ruleId(String ruleName) {
        StringBuilder id = new StringBuilder();
        for (String part : ruleName.split("-")) {
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return id + "Rule";
    }

    /** A shared route's pattern as the CDK's typed pattern (the test checks the synthesized JSON equals it). */
    static EventPattern pattern(String patternJson) {
        JsonNode pattern = tree(patternJson);
        EventPattern.Builder builder = EventPattern.builder();
        pattern.fieldNames().forEachRemaining(field -> {
            List<String> values = EventCodec.MAPPER.convertValue(pattern.get(field), new TypeReference<>() {});
            switch (field) {
                case "source" -> builder.source(values);
                case "detail-type" -> builder.detailType(values);
                default ->
                    throw new IllegalArgumentException("event routes may only match source and detail-type: " + field);
            }
        });
        return builder.build();
    }

    static Map<String, Object> json(String text) {
        return EventCodec.MAPPER.convertValue(tree(text), new TypeReference<>() {});
    }

    private static JsonNode tree(String text) {
        try {
            return EventCodec.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
