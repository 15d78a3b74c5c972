package dev.taskledger.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.taskledger.command.domain.Precondition;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import io.vavr.control.Either;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The request checks of SPEC sections 3 and 11, each a pure function from the event to a value or a problem. */
final class RequestChecks {
    static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /**
     * Idempotency keys: 1-128 visible ASCII characters (0x21-0x7E). Not a space: HTTP servers turn a tab in a header
     * value into a space, so a key with a space could be a key with a tab that was refused elsewhere.
     */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private static final Pattern STRONG_ETAG = Pattern.compile("\"([\\x21\\x23-\\x7e]*)\"");

    private RequestChecks() {}

    /** Commands take no query parameters: any, even empty, is a 400 (before 404 task and 403 not-owner). */
    static Either<Problem, Boolean> noQueryParameters(APIGatewayV2HTTPEvent event) {
        dev.taskledger.http.QueryParams params = new dev.taskledger.http.QueryParams(event, Set.of());
        return params.errors.isEmpty() ? Either.right(true) : Either.left(params.problem());
    }

    static Either<Problem, Optional<String>> idempotencyKey(APIGatewayV2HTTPEvent event) {
        Optional<String> key = Headers.get(event, Headers.IDEMPOTENCY_KEY);
        if (key.isPresent() && !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            return Either.left(headerProblem(
                    Headers.IDEMPOTENCY_KEY, "must be 1-128 visible ASCII characters (0x21-0x7E, no spaces)"));
        }
        return Either.right(key);
    }

    static Either<Problem, Optional<String>> correlationId(APIGatewayV2HTTPEvent event) {
        Optional<String> id = Headers.get(event, Headers.CORRELATION_ID);
        if (id.isPresent() && !Headers.isSafeId(id.get())) {
            return Either.left(headerProblem(Headers.CORRELATION_ID, "must be 1-128 visible ASCII characters"));
        }
        return Either.right(id);
    }

    /** {@code If-Match}: absent, {@code *}, or a list of strong entity tags; a weak or malformed value is 400. */
    static Either<Problem, Precondition> ifMatch(APIGatewayV2HTTPEvent event) {
        Optional<String> header = Headers.get(event, Headers.IF_MATCH);
        if (header.isEmpty()) {
            return Either.right(Precondition.NONE);
        }
        String value = header.get().strip();
        if (value.equals("*")) {
            return Either.right(new Precondition.AnyVersion());
        }
        Set<String> tags = new HashSet<>();
        for (String part : List.of(value.split(",", -1))) {
            var m = STRONG_ETAG.matcher(part.strip());
            if (!m.matches()) {
                return Either.left(
                        headerProblem(Headers.IF_MATCH, "must be * or a list of strong entity tags like \"3\""));
            }
            tags.add(m.group(1));
        }
        return Either.right(new Precondition.EntityTags(tags));
    }

    static Problem headerProblem(String header, String message) {
        return new Problem(
                ProblemType.VALIDATION,
                "header " + header + " is invalid",
                List.of(new Problem.FieldProblem(header, message)),
                java.util.Map.of());
    }
}
