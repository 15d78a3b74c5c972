package dev.taskledger.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.http.Responses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** {@code GET /exports/{token}}: serves an export bundle to whoever holds a genuine, unexpired download token. */
final class Downloads {
    private Downloads() {}

    static APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, LocalObjectStore store) {
        String requestId = Headers.requestId(event);
        String token = Optional.ofNullable(event.getPathParameters())
                .map(p -> p.get("token"))
                .orElse("");
        Optional<Path> file = store.resolve(token);
        if (file.isEmpty()) {
            return Responses.problem(
                    Problem.of(ProblemType.NOT_FOUND, "no such download, or the link expired"), requestId);
        }
        try {
            byte[] zip = Files.readAllBytes(file.get());
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of(
                            "Content-Type",
                            "application/zip",
                            "Content-Disposition",
                            "attachment; filename=\"" + file.get().getFileName() + "\"",
                            Headers.REQUEST_ID,
                            requestId))
                    .withBody(Base64.getEncoder().encodeToString(zip))
                    .withIsBase64Encoded(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
