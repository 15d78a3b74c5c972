package dev.taskledger.integration.webhook;

import com.standardwebhooks.exceptions.WebhookSigningException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Standard Webhooks signing (the specification's reference library): secrets are {@code whsec_} + base64 of 32
 * random bytes; each delivery carries {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}.
 */
public final class WebhookSigning {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigning() {}

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** The three signature headers of one attempt. */
    public static Map<String, String> headers(String secret, String messageId, long epochSeconds, String body) {
        try {
            String signature = new com.standardwebhooks.Webhook(secret).sign(messageId, epochSeconds, body);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(ID, messageId);
            headers.put(TIMESTAMP, Long.toString(epochSeconds));
            headers.put(SIGNATURE, signature);
            return headers;
        } catch (WebhookSigningException | com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
            throw new IllegalStateException("cannot sign a delivery with the webhook's secret", e);
        }
    }
}
