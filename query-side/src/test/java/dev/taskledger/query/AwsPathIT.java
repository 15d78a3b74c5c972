package dev.taskledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.command.http.TaskCommandHandler;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.http.Cursors;
import dev.taskledger.http.Principal;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.bridge.LambdaStreamEvents;
import dev.taskledger.projector.bridge.StreamBridgeHandler;
import dev.taskledger.projector.bus.EventBridgeBus;
import dev.taskledger.projector.route.EventRoute;
import dev.taskledger.projector.route.EventRoutes;
import dev.taskledger.projector.route.ProjectorName;
import dev.taskledger.projector.runtime.ProjectionRuntime;
import dev.taskledger.projector.runtime.ProjectorHandler;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.table.ChangeRecord;
import dev.taskledger.table.dynamodb.DynamoDbChangeStream;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import dev.taskledger.table.dynamodb.DynamoDbTable;
import dev.taskledger.table.dynamodb.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS path on the emulator: the command function writes through the DynamoDB adapter → the table's stream read with
 * DynamoDbStreamsClient → the stream bridge → EventBridge → the rules generated from the event routes → SQS → the
 * task-view projector → the view in the emulated table → the query function answers.
 */
class AwsPathIT {
    @Test
    void a_command_on_dynamodb_reaches_the_query_function_through_streams_eventbridge_and_sqs() throws Exception {
        MotoServer moto = MotoServer.get();
        String tableName = moto.createTable();
        try (var dynamo = DynamoDbClients.dynamoDb(moto.settings());
                var streams = DynamoDbClients.streams(moto.settings());
                EventBridgeClient events = DynamoDbClients.configure(EventBridgeClient.builder(), moto.settings())
                        .build();
                SqsClient sqs = DynamoDbClients.configure(SqsClient.builder(), moto.settings())
                        .build()) {
            // the bus and its rules, generated from the event routes, each targeting a queue
            String bus = "taskledger-" + tableName.substring(tableName.length() - 8);
            events.createEventBus(r -> r.name(bus));
            Map<ProjectorName, String> queues = new HashMap<>();
            for (EventRoute route : EventRoutes.ALL) {
                String queueUrl = sqs.createQueue(r -> r.queueName(route.ruleName() + "-" + bus))
                        .queueUrl();
                String queueArn = sqs.getQueueAttributes(
                                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN);
                events.putRule(r -> r.name(route.ruleName()).eventBusName(bus).eventPattern(route.pattern()));
                events.putTargets(r -> r.rule(route.ruleName())
                        .eventBusName(bus)
                        .targets(t -> t.id(route.target().name()).arn(queueArn)));
                queues.put(route.target(), queueUrl);
            }

            Ledger ledger = new Ledger(new DynamoDbTable(dynamo, tableName), Clock.systemUTC());
            // the command function itself, as API Gateway invokes it with the authorizer's context
            TaskCommandHandler commands = new TaskCommandHandler(ledger, Clock.systemUTC());
            List<String> ids = new ArrayList<>();
            for (String title : List.of("first", "second", "third")) {
                APIGatewayV2HTTPResponse created = commands.handleRequest(
                        command("POST /tasks", "/tasks", Map.of(), "{\"title\":\"" + title + "\"}"), null);
                assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
                ids.add(EventCodec.MAPPER
                        .readTree(created.getBody())
                        .get("task_id")
                        .asText());
            }
            assertThat(commands.handleRequest(
                                    command(
                                            "PATCH /tasks/{id}",
                                            "/tasks/" + ids.get(0),
                                            Map.of("id", ids.get(0)),
                                            "{\"status\":\"DONE\"}"),
                                    null)
                            .getStatusCode())
                    .isEqualTo(200);
            assertThat(commands.handleRequest(
                                    command(
                                            "DELETE /tasks/{id}",
                                            "/tasks/" + ids.get(2),
                                            Map.of("id", ids.get(2)),
                                            null),
                                    null)
                            .getStatusCode())
                    .isEqualTo(204);

            // the stream, as Lambda's event source mapping would hand it to the bridge
            List<ChangeRecord> records = new DynamoDbChangeStream(dynamo, streams, tableName).read(null, 1000);
            StreamsEventResponse response = new StreamBridgeHandler(new EventBridgeBus(events, bus), 3)
                    .handleRequest(
                            LambdaStreamEvents.of(
                                    records, "arn:aws:dynamodb:us-east-1:123456789012:table/" + tableName),
                            null);
            assertThat(response.getBatchItemFailures()).isEmpty();

            // the task-view queue holds the five events; deliver them in a shuffled order
            List<JsonNode> delivered = receiveAll(sqs, queues.get(ProjectorName.TASK_VIEW), 5);
            assertThat(delivered).extracting(e -> e.get("source").asText()).containsOnly("taskledger.tasks");
            assertThat(delivered)
                    .extracting(e -> e.get("detail").get("tenant_id").asText())
                    .containsOnly("aws-tenant");
            Collections.shuffle(delivered, new Random(3));
            ProjectionRuntime taskView = new ProjectionRuntime(ledger, new TaskViewProjector());
            delivered.forEach(new ProjectorHandler(taskView)::handle);

            TaskQueryHandler queries =
                    new TaskQueryHandler(ledger, taskView.reader(), new Cursors(new byte[32]), Duration.ofSeconds(1));
            APIGatewayV2HTTPResponse first = queries.handleRequest(
                    get("GET /tasks/{id}", "/tasks/" + ids.get(0), Map.of("id", ids.get(0))), null);
            assertThat(first.getStatusCode()).isEqualTo(200);
            JsonNode task = EventCodec.MAPPER.readTree(first.getBody());
            assertThat(task.get("status").asText()).isEqualTo("DONE");
            assertThat(task.get("version").asInt()).isEqualTo(2);
            assertThat(first.getHeaders().get("X-Ledger-Projected-Sequence")).isEqualTo("5");
            assertThat(queries.handleRequest(
                                    get("GET /tasks/{id}", "/tasks/" + ids.get(2), Map.of("id", ids.get(2))), null)
                            .getStatusCode())
                    .isEqualTo(404);
            JsonNode list = EventCodec.MAPPER.readTree(queries.handleRequest(get("GET /tasks", "/tasks", null), null)
                    .getBody());
            assertThat(list.get("items"))
                    .extracting(t -> t.get("task_id").asText())
                    .containsExactly(ids.get(1), ids.get(0));
        }
    }

    static APIGatewayV2HTTPEvent command(
            String routeKey, String path, Map<String, String> pathParameters, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        event.setHeaders(body == null ? Map.of() : Map.of("content-type", "application/json"));
        event.setPathParameters(pathParameters);
        event.setBody(body);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("req-aws-command");
        context.setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(
                        new HashMap<>(new Principal("aws-tenant", "admin-1", "admin@aws.test", Role.ADMIN).toContext()))
                .build());
        event.setRequestContext(context);
        return event;
    }

    static APIGatewayV2HTTPEvent get(String routeKey, String path, Map<String, String> pathParameters) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        event.setHeaders(Map.of());
        event.setPathParameters(pathParameters);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("req-aws");
        context.setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(new HashMap<>(new Principal("aws-tenant", "auditor-1", null, Role.AUDITOR).toContext()))
                .build());
        event.setRequestContext(context);
        return event;
    }

    static List<JsonNode> receiveAll(SqsClient sqs, String queueUrl, int expected) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (messages.size() < expected && System.currentTimeMillis() < deadline) {
            for (Message m : sqs.receiveMessage(
                            r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                messages.add(EventCodec.MAPPER.readTree(m.body()));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        assertThat(messages).hasSize(expected);
        return messages;
    }
}
