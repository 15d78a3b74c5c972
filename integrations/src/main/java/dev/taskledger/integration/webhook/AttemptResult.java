package dev.taskledger.integration.webhook;

import java.util.Optional;

/** One POST to an endpoint: the status code it answered, if any, and what went wrong, if anything. */
public record AttemptResult(boolean succeeded, Optional<Integer> statusCode, Optional<String> error) {
    public static AttemptResult answered(int statusCode) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new AttemptResult(
                ok, Optional.of(statusCode), ok ? Optional.empty() : Optional.of("HTTP " + statusCode));
    }

    public static AttemptResult failed(String error) {
        return new AttemptResult(false, Optional.empty(), Optional.of(error));
    }
}
