package dev.taskledger.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for end-to-end tests: requests with a token, JSON bodies, and readable responses. */
final class Api {
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Response(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return EventCodec.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    String token(String tenant, String user, String email, Role role) {
        String body = "{\"tenant_id\":\"%s\",\"user_id\":\"%s\",\"role\":\"%s\"%s}"
                .formatted(tenant, user, role, email == null ? "" : ",\"email\":\"" + email + "\"");
        Response r = send("POST", "/dev/tokens", null, body, Map.of("Content-Type", "application/json"));
        if (r.status() != 200) {
            throw new AssertionError("no token: " + r);
        }
        return r.json().get("token").asText();
    }

    Response send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> flat = new LinkedHashMap<>();
            response.headers()
                    .map()
                    .forEach((k, v) -> flat.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            return new Response(response.statusCode(), flat, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response json(String method, String path, String token, String body, String... headerPairs) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return send(method, path, token, body == null ? null : body.replace('\'', '"'), headers);
    }
}
