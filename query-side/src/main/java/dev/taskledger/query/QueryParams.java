package dev.taskledger.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query-string parameters as API Gateway passes them (repeated parameters joined by commas), checked against the
 * parameters an endpoint knows: an unknown or empty parameter is a 400 with one error per parameter.
 */
final class QueryParams {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    final List<Problem.FieldProblem> errors = new ArrayList<>();

    QueryParams(APIGatewayV2HTTPEvent event, Set<String> known) {
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

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    String one(String name) {
        List<String> all = all(name);
        if (all.size() > 1) {
            errors.add(new Problem.FieldProblem(name, "must be given once"));
        }
        return all.isEmpty() ? null : all.getFirst();
    }

    int limit(int min, int max, int fallback) {
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

    void invalid(String name, String message) {
        errors.add(new Problem.FieldProblem(name, message));
    }

    Problem problem() {
        return new Problem(ProblemType.VALIDATION, errors.size() + " query parameter(s) are invalid", errors, Map.of());
    }
}
