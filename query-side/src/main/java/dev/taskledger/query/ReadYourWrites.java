package dev.taskledger.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.projector.read.ProjectionReader;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code X-Ledger-Min-Sequence}: parse it, and wait (bounded) for a projection to reach it. A sequence beyond the
 * tenant's ledger head is a 400 at once (it names no write that happened); only real lag is a 503.
 */
final class ReadYourWrites {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    private ReadYourWrites() {}

    static Either<Problem, Optional<Long>> minSequence(APIGatewayV2HTTPEvent event) {
        Optional<String> header = Headers.get(event, Headers.MIN_SEQUENCE).map(String::strip);
        if (header.isEmpty()) {
            return Either.right(Optional.empty());
        }
        if (DIGITS.matcher(header.get()).matches()) {
            try {
                return Either.right(Optional.of(Long.parseLong(header.get())));
            } catch (NumberFormatException tooLarge) {
                // below
            }
        }
        return Either.left(new Problem(
                ProblemType.VALIDATION,
                "header " + Headers.MIN_SEQUENCE + " is invalid",
                List.of(new Problem.FieldProblem(Headers.MIN_SEQUENCE, "must be an integer 0-9223372036854775807")),
                Map.of()));
    }

    /** The projection's sequence once it reached {@code min} (at once without one), or a projection-lag problem. */
    static Either<Problem, Long> await(
            ProjectionReader projection, String tenant, Optional<Long> min, Duration maxWait) {
        Instant deadline = Instant.now().plus(maxWait);
        long projected = projection.projectedSequence(tenant);
        long head = min.isPresent() && projected < min.get() ? projection.ledgerHead(tenant) : projected;
        if (min.isPresent() && min.get() > head) {
            // no acknowledged write has that sequence yet: waiting cannot help, and the ledger head is read
            // strongly consistently, so a sequence a command answered with is never beyond it
            return Either.left(new Problem(
                    ProblemType.VALIDATION,
                    "header " + Headers.MIN_SEQUENCE + " is beyond the ledger's head",
                    List.of(new Problem.FieldProblem(
                            Headers.MIN_SEQUENCE, "must be at most the tenant's ledger head, " + head)),
                    Map.of()));
        }
        while (min.isPresent() && projected < min.get()) {
            if (Instant.now().isAfter(deadline)) {
                return Either.left(Problem.of(
                                ProblemType.PROJECTION_LAG,
                                "the projection has applied sequence " + projected + ", not yet " + min.get())
                        .withHeader("Retry-After", "1"));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            projected = projection.projectedSequence(tenant);
        }
        return Either.right(projected);
    }
}
