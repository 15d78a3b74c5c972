package dev.taskledger.table.dynamodb;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * The configuration a function reads from its Lambda environment, defined once: the CDK app sets these variables
 * and the functions read them through this class. A missing required variable fails the function's start with a
 * message that names it.
 */
public final class AwsEnvironment {
    public static final String TABLE = "TASKLEDGER_TABLE";
    public static final String BUS = "TASKLEDGER_BUS";
    public static final String EXPORT_BUCKET = "TASKLEDGER_EXPORT_BUCKET";
    public static final String SIGNING_KEY = "TASKLEDGER_SIGNING_KEY_ID";
    public static final String RETIRED_SIGNING_KEYS = "TASKLEDGER_RETIRED_SIGNING_KEY_IDS";
    public static final String CURSOR_KEY = "TASKLEDGER_CURSOR_KEY_ID";
    public static final String PROJECTOR = "TASKLEDGER_PROJECTOR";
    public static final String MIN_SEQUENCE_WAIT_MS = "TASKLEDGER_MIN_SEQUENCE_WAIT_MS";
    public static final String NOTIFY_CHANNEL = "TASKLEDGER_NOTIFY_CHANNEL";
    public static final String EMAIL_FROM = "TASKLEDGER_EMAIL_FROM";
    public static final String JWT_ISSUER = "TASKLEDGER_JWT_ISSUER";
    public static final String JWT_AUDIENCE = "TASKLEDGER_JWT_AUDIENCE";
    public static final String JWKS_URL = "TASKLEDGER_JWKS_URL";

    private final Map<String, String> env;

    public AwsEnvironment(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static AwsEnvironment current() {
        return new AwsEnvironment(System.getenv());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(name + " must be set"));
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** A comma-separated list; empty when unset. */
    public List<String> list(String name) {
        return optional(name)
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    public DynamoDbClients.Settings settings() {
        return DynamoDbClients.Settings.aws(Region.of(optional("AWS_REGION").orElse("us-east-1")));
    }

    /** The single table, named by {@link #TABLE}. */
    public DynamoDbTable table() {
        return new DynamoDbTable(DynamoDbClients.dynamoDb(settings()), required(TABLE));
    }
}
