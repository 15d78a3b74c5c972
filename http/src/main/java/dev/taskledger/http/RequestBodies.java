package dev.taskledger.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Request bodies: the raw bytes of a v2 event, and the JSON-object body every write endpoint takes, checked in the
 * order of SPEC section 11 (415, then 413, then 400). Parsing is strict and bounded: duplicate keys, nesting over
 * 32 levels and numbers over 100 digits are malformed.
 */
public final class RequestBodies {
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(100)
                    .maxStringLength(MAX_BODY_BYTES)
                    .build())
            .build());

    private RequestBodies() {}

    public static byte[] bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** 415, then 413, then 400 malformed-body; the parsed JSON otherwise. */
    public static Either<Problem, JsonNode> jsonBody(APIGatewayV2HTTPEvent event, byte[] body) {
        Optional<String> contentType = Headers.get(event, "content-type");
        if (contentType.isEmpty()) {
            return Either.left(Problem.of(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json (Content-Type is missing)"));
        }
        String mediaType = contentType.get().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")
                && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            return Either.left(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json"));
        }
        if (body.length > MAX_BODY_BYTES) {
            return Either.left(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "the body must be at most 64 KiB"));
        }
        if (body.length == 0) {
            return Either.left(Problem.of(ProblemType.MALFORMED_BODY, "the body must be a JSON object"));
        }
        if (!wellFormedUtf8(body)) {
            // checked on its own: the JSON parser reads some ill-formed sequences (overlong forms) as characters
            return Either.left(Problem.of(ProblemType.MALFORMED_BODY, "the body is not well-formed UTF-8"));
        }
        try (JsonParser parser = STRICT.createParser(body)) {
            JsonNode json = STRICT.readTree(parser);
            if (parser.nextToken() != null) {
                return Either.left(Problem.of(ProblemType.MALFORMED_BODY, "the body holds more than one JSON value"));
            }
            if (json == null || !json.isObject()) {
                return Either.left(Problem.of(ProblemType.MALFORMED_BODY, "the body must be a JSON object"));
            }
            return Either.right(json);
        } catch (IOException e) {
            return Either.left(Problem.of(ProblemType.MALFORMED_BODY, "the body is not valid JSON"));
        }
    }

    /**
     * Whether {@code bytes} are well-formed UTF-8 (RFC 3629): no overlong forms, no encoded surrogates, no truncated
     * sequences, nothing beyond U+10FFFF, no bytes that never occur in UTF-8. The JDK's decoder, told to report
     * rather than replace, refuses exactly those.
     */
    public static boolean wellFormedUtf8(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
