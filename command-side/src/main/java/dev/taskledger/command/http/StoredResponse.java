package dev.taskledger.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Headers;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response as kept in an idempotency record, to be replayed byte for byte (less the request id). */
final class StoredResponse {
    private StoredResponse() {}

    static String encode(APIGatewayV2HTTPResponse response) {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        json.put("status", response.getStatusCode());
        ObjectNode headers = json.putObject("headers");
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (!name.equalsIgnoreCase(Headers.REQUEST_ID)) {
                    headers.put(name, value);
                }
            });
        }
        json.put("body", response.getBody());
        return json.toString();
    }

    static APIGatewayV2HTTPResponse decode(String stored, String requestId) {
        try {
            JsonNode json = EventCodec.MAPPER.readTree(stored);
            Map<String, String> headers = new LinkedHashMap<>();
            json.get("headers")
                    .properties()
                    .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            headers.put(Headers.IDEMPOTENT_REPLAYED, "true");
            headers.put(Headers.REQUEST_ID, requestId);
            JsonNode body = json.get("body");
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(json.get("status").asInt())
                    .withHeaders(headers)
                    .withBody(body == null || body.isNull() ? null : body.asText())
                    .withIsBase64Encoded(false)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("stored idempotent response cannot be read", e);
        }
    }
}
