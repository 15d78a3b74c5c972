package dev.taskledger.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds API Gateway v2 responses: JSON bodies, problem documents, and the headers every response carries. */
public final class Responses {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private Responses() {}

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", JSON);
        return response(status, write(body), all);
    }

    public static APIGatewayV2HTTPResponse empty(int status, Map<String, String> headers) {
        return response(status, null, new LinkedHashMap<>(headers));
    }

    public static APIGatewayV2HTTPResponse problem(Problem problem, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>(problem.headers());
        headers.put("Content-Type", PROBLEM_JSON);
        headers.put(Headers.REQUEST_ID, requestId);
        if (problem.type() == ProblemType.UNAUTHORIZED) {
            headers.putIfAbsent("WWW-Authenticate", "Bearer");
        }
        return response(problem.type().status(), write(problem.toJson()), headers);
    }

    public static APIGatewayV2HTTPResponse response(int status, String body, Map<String, String> headers) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    private static String write(JsonNode body) {
        try {
            return EventCodec.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
