package dev.taskledger.cdk;

import dev.taskledger.http.FunctionName;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Route;
import dev.taskledger.http.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The HTTP API: one route per entry of the shared route table that is deployed to AWS, each integrated with its
 * function's {@code live} alias; authenticated routes go through the Lambda authorizer (simple responses, cached
 * for 60 s per Authorization header — no longer than the clock skew tokens are allowed anyway); stage throttling,
 * JSON access logs, and CORS for the configured origins with the headers the contract uses.
 */
final class FrontDoor {
    final HttpApi api;
    final HttpStage stage;
    final List<HttpRoute> routes = new java.util.ArrayList<>();

    FrontDoor(
            Construct scope,
            Alias authorizer,
            Function<FunctionName, Alias> functions,
            List<String> corsOrigins,
            double rateLimit,
            int burstLimit) {
        api = HttpApi.Builder.create(scope, "Api")
                .apiName("taskledger")
                .createDefaultStage(false)
                .corsPreflight(CorsPreflightOptions.builder()
                        .allowOrigins(corsOrigins)
                        .allowMethods(List.of(
                                CorsHttpMethod.GET,
                                CorsHttpMethod.POST,
                                CorsHttpMethod.PUT,
                                CorsHttpMethod.PATCH,
                                CorsHttpMethod.DELETE))
                        .allowHeaders(List.of(
                                "Authorization",
                                "Content-Type",
                                Headers.IDEMPOTENCY_KEY,
                                Headers.IF_MATCH,
                                Headers.REQUEST_ID,
                                Headers.CORRELATION_ID,
                                Headers.MIN_SEQUENCE))
                        .exposeHeaders(List.of(
                                Headers.ETAG,
                                Headers.LOCATION,
                                Headers.REQUEST_ID,
                                Headers.LEDGER_SEQUENCE,
                                Headers.PROJECTED_SEQUENCE,
                                Headers.IDEMPOTENT_REPLAYED,
                                "Retry-After"))
                        .maxAge(Duration.hours(1))
                        .build())
                .build();
        LogGroup accessLogs = LogGroup.Builder.create(scope, "ApiAccessLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        stage = api.addStage(
                "DefaultStage",
                HttpStageOptions.builder()
                        .stageName("$default")
                        .autoDeploy(true)
                        .throttle(ThrottleSettings.builder()
                                .rateLimit(rateLimit)
                                .burstLimit(burstLimit)
                                .build())
                        .accessLogSettings(new IAccessLogSettings() {
                            @Override
                            public IAccessLogDestination getDestination() {
                                return new LogGroupLogDestination(accessLogs);
                            }

                            @Override
                            public AccessLogFormat getFormat() {
                                return AccessLogFormat.custom("{\"request_id\":\"$context.requestId\","
                                        + "\"route\":\"$context.routeKey\",\"status\":\"$context.status\","
                                        + "\"latency_ms\":\"$context.responseLatency\","
                                        + "\"tenant_id\":\"$context.authorizer.tenant_id\","
                                        + "\"ip\":\"$context.identity.sourceIp\",\"time\":\"$context.requestTime\","
                                        + "\"integration_error\":\"$context.integrationErrorMessage\"}");
                            }
                        })
                        .build());
        HttpLambdaAuthorizer jwt = new HttpLambdaAuthorizer(
                "JwtAuthorizer",
                authorizer,
                HttpLambdaAuthorizerProps.builder()
                        .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                        .identitySource(List.of("$request.header.Authorization"))
                        .resultsCacheTtl(Duration.seconds(Routes.AUTHORIZER_CACHE_TTL.toSeconds()))
                        .build());
        Map<Alias, HttpLambdaIntegration> integrations = new HashMap<>();
        for (Route route : Routes.ALL) {
            if (!route.function().deployedToAws()) {
                continue;
            }
            Alias target = functions.apply(route.function());
            HttpLambdaIntegration integration = integrations.computeIfAbsent(
                    target, t -> new HttpLambdaIntegration(t.getNode().getId() + "Integration", t));
            AddRoutesOptions.Builder options = AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(integration);
            if (route.authenticated()) {
                options.authorizer(jwt);
            }
            routes.addAll(api.addRoutes(options.build()));
        }
    }
}
