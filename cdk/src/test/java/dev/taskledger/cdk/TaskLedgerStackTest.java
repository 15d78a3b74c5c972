package dev.taskledger.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Route;
import dev.taskledger.http.Routes;
import dev.taskledger.ledger.Keys;
import dev.taskledger.projector.bridge.StreamBridgeHandler;
import dev.taskledger.projector.route.EventRoute;
import dev.taskledger.projector.route.EventRoutes;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** What matters in the synthesized template, asserted against the shared definitions — no snapshots. */
class TaskLedgerStackTest {
    static JsonNode json(Object value) {
        return EventCodec.MAPPER.valueToTree(value);
    }

    /** Every function the catalog names: route functions deployed to AWS, event targets, and the three others. */
    static long expectedFunctions() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (dev.taskledger.http.FunctionName f : dev.taskledger.http.FunctionName.values()) {
            if (f.deployedToAws()) {
                ids.add(FunctionCatalog.of(f).id());
            }
        }
        for (dev.taskledger.projector.route.ProjectorName t : dev.taskledger.projector.route.ProjectorName.values()) {
            ids.add(FunctionCatalog.of(t).id());
        }
        ids.addAll(List.of(
                FunctionCatalog.AUTHORIZER.id(), FunctionCatalog.STREAM_BRIDGE.id(), FunctionCatalog.REBUILD.id()));
        return ids.size();
    }

    static List<JsonNode> resources(String type) {
        return Synth.TEMPLATE.findResources(type).values().stream()
                .map(TaskLedgerStackTest::json)
                .toList();
    }

    @Nested
    class The_table {
        @Test
        void streams_new_and_old_images_with_recovery_protection_ttl_and_no_gsi() {
            JsonNode table = resources("AWS::DynamoDB::Table").getFirst().get("Properties");
            assertThat(table.at("/StreamSpecification/StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
            assertThat(table.at("/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled")
                            .asBoolean())
                    .isTrue();
            assertThat(table.get("DeletionProtectionEnabled").asBoolean()).isTrue();
            assertThat(table.get("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
            assertThat(table.at("/TimeToLiveSpecification/AttributeName").asText())
                    .isEqualTo(Keys.TTL_ATTRIBUTE);
            assertThat(table.at("/SSESpecification/SSEEnabled").asBoolean()).isTrue();
            assertThat(table.get("KeySchema").toString())
                    .isEqualTo(
                            "[{\"AttributeName\":\"PK\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"SK\",\"KeyType\":\"RANGE\"}]");
            assertThat(table.has("GlobalSecondaryIndexes")).isFalse();
        }
    }

    @Nested
    class The_stream_mapping {
        @Test
        void has_explicit_batch_bisect_retries_age_partial_failures_dlq_and_the_shared_filter() throws Exception {
            JsonNode mapping =
                    resources("AWS::Lambda::EventSourceMapping").getFirst().get("Properties");
            assertThat(mapping.get("BatchSize").asInt()).isEqualTo(100);
            assertThat(mapping.get("BisectBatchOnFunctionError").asBoolean()).isTrue();
            assertThat(mapping.get("MaximumRetryAttempts").asInt()).isEqualTo(5);
            assertThat(mapping.get("MaximumRecordAgeInSeconds").asInt()).isEqualTo(86_400);
            assertThat(mapping.get("FunctionResponseTypes").toString()).isEqualTo("[\"ReportBatchItemFailures\"]");
            assertThat(mapping.at("/DestinationConfig/OnFailure/Destination").isMissingNode())
                    .isFalse();
            String pattern = mapping.at("/FilterCriteria/Filters/0/Pattern").asText();
            assertThat(EventCodec.MAPPER.readTree(pattern))
                    .isEqualTo(EventCodec.MAPPER.readTree(StreamBridgeHandler.FILTER.lambdaFilterPattern()));
        }
    }

    @Nested
    class The_bus {
        @Test
        void has_one_rule_per_shared_event_route_with_exactly_its_pattern() throws Exception {
            List<JsonNode> rules = resources("AWS::Events::Rule").stream()
                    .filter(r -> r.at("/Properties/EventPattern").isObject())
                    .toList();
            assertThat(rules).hasSize(EventRoutes.ALL.size());
            for (EventRoute route : EventRoutes.ALL) {
                JsonNode expected = EventCodec.MAPPER.readTree(route.pattern());
                assertThat(rules).as(route.ruleName()).anySatisfy(rule -> {
                    assertThat(rule.at("/Properties/Description").asText()).endsWith(route.ruleName());
                    assertThat(rule.at("/Properties/EventPattern")).isEqualTo(expected);
                });
            }
        }

        @Test
        void every_target_retries_for_a_day_and_has_a_dead_letter_queue_with_an_alarm() {
            List<JsonNode> rules = resources("AWS::Events::Rule");
            assertThat(rules).hasSize(EventRoutes.ALL.size() + 1); // + the webhook sweep schedule
            for (JsonNode rule : rules) {
                JsonNode target = rule.at("/Properties/Targets/0");
                assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt())
                        .isEqualTo(8);
                assertThat(target.at("/RetryPolicy/MaximumEventAgeInSeconds").asInt())
                        .isEqualTo(86_400);
                assertThat(target.at("/DeadLetterConfig/Arn").isMissingNode()).isFalse();
            }
            int queues = resources("AWS::SQS::Queue").size();
            assertThat(queues).isEqualTo(rules.size() + 1); // + the stream mapping's
            long dlqAlarms = resources("AWS::CloudWatch::Alarm").stream()
                    .filter(a -> a.at("/Properties/MetricName").asText().equals("ApproximateNumberOfMessagesVisible"))
                    .count();
            assertThat(dlqAlarms).isEqualTo(queues);
        }
    }

    @Nested
    class The_api {
        @Test
        void has_every_deployed_route_of_the_shared_table_and_the_authorizer_exactly_where_required() {
            Map<String, JsonNode> routes = resources("AWS::ApiGatewayV2::Route").stream()
                    .collect(Collectors.toMap(r -> r.at("/Properties/RouteKey").asText(), r -> r.get("Properties")));
            List<Route> deployed = Routes.ALL.stream()
                    .filter(r -> r.function().deployedToAws())
                    .toList();
            assertThat(routes.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            deployed.stream().map(Route::routeKey).toList());
            for (Route route : deployed) {
                JsonNode r = routes.get(route.routeKey());
                assertThat(r.get("AuthorizationType").asText())
                        .as(route.routeKey())
                        .isEqualTo(route.authenticated() ? "CUSTOM" : "NONE");
            }
            assertThat(routes).doesNotContainKeys("POST /dev/tokens", "GET /dev/outbox", "GET /exports/{token}");
        }

        @Test
        void the_authorizer_gives_simple_responses_cached_per_authorization_header() {
            JsonNode authorizer =
                    resources("AWS::ApiGatewayV2::Authorizer").getFirst().get("Properties");
            assertThat(authorizer.get("AuthorizerType").asText()).isEqualTo("REQUEST");
            assertThat(authorizer.get("EnableSimpleResponses").asBoolean()).isTrue();
            assertThat(authorizer.get("IdentitySource").toString()).isEqualTo("[\"$request.header.Authorization\"]");
            assertThat(authorizer.get("AuthorizerResultTtlInSeconds").asInt()).isEqualTo(60);
        }

        @Test
        void the_stage_throttles_and_writes_access_logs() {
            JsonNode stage = resources("AWS::ApiGatewayV2::Stage").getFirst().get("Properties");
            assertThat(stage.at("/DefaultRouteSettings/ThrottlingRateLimit").asDouble())
                    .isPositive();
            assertThat(stage.at("/DefaultRouteSettings/ThrottlingBurstLimit").asInt())
                    .isPositive();
            assertThat(stage.at("/AccessLogSettings/Format").asText()).contains("$context.requestId");
        }
    }

    @Nested
    class The_functions {
        @Test
        void run_java_on_arm64_with_snapstart_tracing_and_heavy_ones_with_the_full_jit() {
            List<JsonNode> functions = resources("AWS::Lambda::Function");
            assertThat(functions).hasSize((int) expectedFunctions());
            for (JsonNode f : functions) {
                JsonNode p = f.get("Properties");
                assertThat(p.get("Runtime").asText()).isEqualTo("java25");
                assertThat(p.get("Architectures").toString()).isEqualTo("[\"arm64\"]");
                assertThat(p.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
                assertThat(p.at("/TracingConfig/Mode").asText()).isEqualTo("Active");
                boolean heavy = List.of(
                                "dev.taskledger.query.lambda.AuditQueriesFunction",
                                "dev.taskledger.query.lambda.ExportFunction",
                                "dev.taskledger.projector.lambda.RebuildFunction")
                        .contains(p.get("Handler").asText());
                assertThat(p.at("/Environment/Variables/JAVA_TOOL_OPTIONS").asText(""))
                        .as(p.get("Handler").asText())
                        .isEqualTo(heavy ? FunctionSpec.FULL_JIT : "");
            }
            assertThat(resources("AWS::Lambda::Alias")).hasSize(functions.size());
        }

        @Test
        void alarms_watch_errors_throttles_iterator_age_and_api_5xx() {
            List<String> metrics = resources("AWS::CloudWatch::Alarm").stream()
                    .map(a -> a.at("/Properties/MetricName").asText())
                    .toList();
            assertThat(metrics.stream().filter("Errors"::equals).count()).isEqualTo(expectedFunctions());
            assertThat(metrics.stream().filter("Throttles"::equals).count()).isEqualTo(expectedFunctions());
            assertThat(metrics).contains("IteratorAge", "5xx");
            assertThat(resources("AWS::CloudWatch::Alarm"))
                    .allSatisfy(a ->
                            assertThat(a.at("/Properties/AlarmActions").size()).isEqualTo(1));
        }
    }

    @Nested
    class Iam {
        @Test
        void no_statement_has_a_wildcard_resource_unless_aws_requires_it() {
            List<String> allowedWithStar =
                    List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords", "dynamodb:ListStreams");
            for (JsonNode policy : resources("AWS::IAM::Policy")) {
                for (JsonNode statement : policy.at("/Properties/PolicyDocument/Statement")) {
                    if ("*".equals(statement.get("Resource").asText())) {
                        assertThat(
                                        statement.get("Action").isArray()
                                                ? EventCodec.MAPPER.convertValue(statement.get("Action"), List.class)
                                                : List.of(
                                                        statement.get("Action").asText()))
                                .as(statement.toString())
                                .isSubsetOf(allowedWithStar);
                    }
                }
            }
            assertThat(resources("AWS::IAM::Role")).allSatisfy(r -> assertThat(
                            r.at("/Properties/ManagedPolicyArns").isMissingNode())
                    .as(r.toString())
                    .isTrue());
        }

        @Test
        void only_the_rebuild_function_may_batch_write_the_table() {
            List<String> holders = resources("AWS::IAM::Policy").stream()
                    .filter(p -> p.toString().contains("dynamodb:BatchWriteItem"))
                    .map(p -> p.at("/Properties/PolicyName").toString())
                    .toList();
            assertThat(holders).singleElement().asString().contains("Rebuild");
        }

        @Test
        void the_authorizer_cannot_touch_the_table() {
            Synth.TEMPLATE.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Match.objectLike(Map.of(
                            "Handler",
                            "dev.taskledger.command.auth.JwtAuthorizerHandler",
                            "Environment",
                            Match.objectLike(Map.of(
                                    "Variables",
                                    Match.objectLike(Map.of("TASKLEDGER_JWT_ISSUER", Match.anyValue())))))));
            JsonNode authorizerPolicy = resources("AWS::IAM::Policy").stream()
                    .filter(p -> p.at("/Properties/PolicyName").toString().contains("AuthorizerRole"))
                    .findFirst()
                    .orElseThrow();
            assertThat(authorizerPolicy.toString()).doesNotContain("dynamodb:");
        }
    }

    @Nested
    class Storage_and_identity {
        @Test
        void the_export_bucket_is_encrypted_private_tls_only_versioned_and_object_locked() {
            JsonNode bucket = resources("AWS::S3::Bucket").stream()
                    .filter(b -> b.at("/Properties/ObjectLockEnabled").asBoolean())
                    .findFirst()
                    .orElseThrow()
                    .get("Properties");
            assertThat(bucket.at(
                                    "/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm")
                            .asText())
                    .isEqualTo("aws:kms");
            assertThat(bucket.at("/PublicAccessBlockConfiguration/BlockPublicAcls")
                            .asBoolean())
                    .isTrue();
            assertThat(bucket.at("/VersioningConfiguration/Status").asText()).isEqualTo("Enabled");
            assertThat(bucket.at("/ObjectLockConfiguration/Rule/DefaultRetention/Mode")
                            .asText())
                    .isEqualTo("GOVERNANCE");
            // exports are deleted when their retention (and Object Lock) ends, as their status items expire
            assertThat(bucket.at("/LifecycleConfiguration/Rules/0/ExpirationInDays")
                            .asInt())
                    .isEqualTo(90);
            assertThat(bucket.at("/ObjectLockConfiguration/Rule/DefaultRetention/Days")
                            .asInt())
                    .isEqualTo(90);
        }

        @Test
        void the_signing_key_is_an_asymmetric_p256_signing_key() {
            assertThat(resources("AWS::KMS::Key")).anySatisfy(k -> {
                assertThat(k.at("/Properties/KeySpec").asText()).isEqualTo("ECC_NIST_P256");
                assertThat(k.at("/Properties/KeyUsage").asText()).isEqualTo("SIGN_VERIFY");
            });
        }

        @Test
        void the_user_pool_has_an_immutable_tenant_and_a_group_per_role_and_a_client_without_secret() {
            JsonNode pool = resources("AWS::Cognito::UserPool").getFirst().get("Properties");
            assertThat(pool.get("Schema")).anySatisfy(a -> {
                assertThat(a.get("Name").asText()).isEqualTo("tenant_id");
                assertThat(a.get("Mutable").asBoolean()).isFalse();
            });
            assertThat(pool.at("/Policies/PasswordPolicy/MinimumLength").asInt())
                    .isGreaterThanOrEqualTo(12);
            assertThat(pool.at("/AdminCreateUserConfig/AllowAdminCreateUserOnly")
                            .asBoolean())
                    .isTrue();
            assertThat(resources("AWS::Cognito::UserPoolGroup"))
                    .extracting(g -> g.at("/Properties/GroupName").asText())
                    .containsExactlyInAnyOrder("ADMIN", "MEMBER", "AUDITOR");
            JsonNode client =
                    resources("AWS::Cognito::UserPoolClient").getFirst().get("Properties");
            assertThat(client.get("GenerateSecret").asBoolean()).isFalse();
            assertThat(client.get("WriteAttributes").toString()).doesNotContain("tenant_id");
            assertThat(client.get("WriteAttributes").toString()).doesNotContain("email");
        }
    }
}
