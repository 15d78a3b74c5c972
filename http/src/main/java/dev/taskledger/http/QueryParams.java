package dev.taskledger.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Query-string parameters as API Gateway passes them (repeated parameters joined by commas), checked against the
 * parameters an endpoint knows: an unknown or empty parameter is a 400 with one error per parameter.
 */
public final class QueryParams {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    public final List<Problem.FieldProblem> errors = new ArrayList<>();

    public QueryParams(APIGatewayV2HTTPEvent event, Set<String> known) {
        Map<String, String> raw =
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        raw.forEach((name, value) -> {
            if (!known.contains(name)) {
                errors.add(new Problem.FieldProblem(name, "is not a known parameter"));
            } else if (value == null
                    || value.isEmpty()
                    || List.of(value.split(",", -1)).contains("")) {
                errors.add(new Problem.FieldProblem(name, "must not be empty"));
            } else {
                values.put(name, List.of(value.split(",", -1)));
            }
        });
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public String one(String name) {
        List<String> all = all(name);
        if (all.size() > 1) {
            errors.add(new Problem.FieldProblem(name, "must be given once"));
        }
        return all.isEmpty() ? null : all.getFirst();
    }

    public int limit(int min, int max, int fallback) {
        String text = one("limit");
        if (text == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= min && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new Problem.FieldProblem("limit", "must be an integer " + min + "-" + max));
        return fallback;
    }

    /** An integer >= 0, or {@code fallback} when absent. */
    public long nonNegative(String name, long fallback) {
        return integer(name, 0, fallback);
    }

    /** An integer >= 1, or {@code fallback} when absent. */
    public long positive(String name, long fallback) {
        return integer(name, 1, fallback);
    }

    private long integer(String name, long min, long fallback) {
        String text = one(name);
        if (text == null) {
            return fallback;
        }
        if (text.matches("[0-9]{1,19}")) {
            try {
                long value = Long.parseLong(text);
                if (value >= min) {
                    return value;
                }
            } catch (NumberFormatException tooLarge) {
                // below
            }
        }
        errors.add(new Problem.FieldProblem(name, "must be an integer >= " + min));
        return fallback;
    }

    /** An RFC 3339 instant, or null when absent. */
    public java.time.Instant instant(String name) {
        String text = one(name);
        if (text == null) {
            return null;
        }
        try {
            return dev.taskledger.events.Times.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldProblem(name, "must be an RFC 3339 date-time"));
            return null;
        }
    }

    /** The position inside a {@code cursor} parameter bound to {@code binding}; a forged or foreign one is an error. */
    public Optional<String> cursor(Cursors cursors, String binding) {
        String cursor = one("cursor");
        if (cursor == null) {
            return Optional.empty();
        }
        Optional<String> position = cursors.verify(binding, cursor);
        if (position.isEmpty()) {
            errors.add(new Problem.FieldProblem("cursor", "is not a cursor of this listing"));
        }
        return position;
    }

    /** A cursor whose position is a sequence or version number; anything else in it is an error, never a 500. */
    public Optional<Long> numericCursor(Cursors cursors, String binding) {
        Optional<String> position = cursor(cursors, binding);
        if (position.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(position.get()));
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldProblem("cursor", "is not a cursor of this listing"));
            return Optional.empty();
        }
    }

    public void invalid(String name, String message) {
        errors.add(new Problem.FieldProblem(name, message));
    }

    public Problem problem() {
        return new Problem(ProblemType.VALIDATION, errors.size() + " query parameter(s) are invalid", errors, Map.of());
    }
}
