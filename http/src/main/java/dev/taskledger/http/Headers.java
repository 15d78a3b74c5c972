package dev.taskledger.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Header names and the request-id rule. API Gateway v2 lower-cases request header names. */
public final class Headers {
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    public static final String IF_MATCH = "If-Match";
    public static final String ETAG = "ETag";
    public static final String LOCATION = "Location";
    public static final String LEDGER_SEQUENCE = "X-Ledger-Sequence";
    public static final String PROJECTED_SEQUENCE = "X-Ledger-Projected-Sequence";
    public static final String MIN_SEQUENCE = "X-Ledger-Min-Sequence";
    private static final Pattern SAFE_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private Headers() {}

    public static Optional<String> get(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(value);
    }

    /**
     * The request id: the client's {@code X-Request-Id} when it is 1–128 visible ASCII characters, else the
     * gateway's request id, else a new one.
     */
    public static String requestId(APIGatewayV2HTTPEvent event) {
        return get(event, REQUEST_ID)
                .filter(v -> SAFE_ID.matcher(v).matches())
                .or(() -> Optional.ofNullable(event.getRequestContext())
                        .map(APIGatewayV2HTTPEvent.RequestContext::getRequestId)
                        .filter(v -> SAFE_ID.matcher(v).matches()))
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    public static boolean isSafeId(String value) {
        return value != null && SAFE_ID.matcher(value).matches();
    }
}
