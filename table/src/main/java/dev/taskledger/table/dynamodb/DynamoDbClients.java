package dev.taskledger.table.dynamodb;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Builds the SDK clients with one HTTP client (URLConnection: fastest start) and explicit retry and timeout
 * settings: the SDK's defaults retry for seconds, which hides failures from latency-sensitive callers.
 */
public final class DynamoDbClients {
    /** Where to reach DynamoDB: an endpoint override (emulator) or the region's default. */
    public record Settings(
            Region region, URI endpoint, AwsCredentialsProvider credentials, int maxAttempts, Duration callTimeout) {
        public static Settings aws(Region region) {
            return new Settings(
                    region, null, DefaultCredentialsProvider.builder().build(), 3, Duration.ofSeconds(5));
        }
    }

    private DynamoDbClients() {}

    public static DynamoDbClient dynamoDb(Settings settings) {
        return configure(DynamoDbClient.builder(), settings).build();
    }

    public static DynamoDbStreamsClient streams(Settings settings) {
        return configure(DynamoDbStreamsClient.builder(), settings).build();
    }

    /** The same region, credentials, HTTP client, retries, timeouts and endpoint for every service client. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Settings settings) {
        builder.region(settings.region())
                .credentialsProvider(settings.credentials())
                .httpClientBuilder(httpClient(settings))
                .overrideConfiguration(override(settings));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }

    private static UrlConnectionHttpClient.Builder httpClient(Settings settings) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(settings.callTimeout());
    }

    private static ClientOverrideConfiguration override(Settings settings) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(settings.maxAttempts()))
                .apiCallAttemptTimeout(settings.callTimeout())
                .apiCallTimeout(settings.callTimeout().multipliedBy(settings.maxAttempts()));
        if (tracing()) {
            override.addExecutionInterceptor(new com.amazonaws.xray.interceptors.TracingInterceptor());
        }
        return override.build();
    }

    /** Lambda sets the X-Ray daemon's address when the function runs with active tracing; nowhere else is it set. */
    static boolean tracing() {
        return System.getenv("AWS_XRAY_DAEMON_ADDRESS") != null && System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
    }
}
