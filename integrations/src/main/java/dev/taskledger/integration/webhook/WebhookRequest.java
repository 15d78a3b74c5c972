package dev.taskledger.integration.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventTypes;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /webhooks}: {@code url} (checked by the {@link UrlGuard}), {@code event_types} (a
 * non-empty list of distinct known event types, or {@code ["*"]}), {@code description} (optional, at most 500
 * characters, no control characters). Unknown members are errors; one error per bad member.
 */
public record WebhookRequest(String url, List<String> eventTypes, String description) {
    public static final int MAX_DESCRIPTION = 500;
    private static final Set<String> MEMBERS = Set.of("url", "event_types", "description");

    public static Either<Problem, WebhookRequest> parse(JsonNode body, UrlGuard guard) {
        List<Problem.FieldProblem> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                errors.add(new Problem.FieldProblem(name, "is not a known member"));
            }
        }
        String url = null;
        JsonNode urlNode = body.get("url");
        if (urlNode == null || !urlNode.isTextual()) {
            errors.add(new Problem.FieldProblem("url", "is required and must be a string"));
        } else {
            Either<String, ?> checked = guard.check(urlNode.asText());
            if (checked.isLeft()) {
                errors.add(new Problem.FieldProblem("url", checked.getLeft()));
            } else {
                url = urlNode.asText();
            }
        }
        List<String> types = eventTypes(body.get("event_types"), errors);
        String description = "";
        JsonNode descriptionNode = body.get("description");
        if (descriptionNode != null && !descriptionNode.isNull()) {
            if (!descriptionNode.isTextual()) {
                errors.add(new Problem.FieldProblem("description", "must be a string"));
            } else {
                description = descriptionNode.asText().strip();
                if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION
                        || description.codePoints().anyMatch(Character::isISOControl)) {
                    errors.add(new Problem.FieldProblem(
                            "description",
                            "must be at most " + MAX_DESCRIPTION + " characters without control characters"));
                }
            }
        }
        if (!errors.isEmpty()) {
            return Either.left(
                    new Problem(ProblemType.VALIDATION, errors.size() + " member(s) are invalid", errors, Map.of()));
        }
        return Either.right(new WebhookRequest(url, types, description));
    }

    private static List<String> eventTypes(JsonNode node, List<Problem.FieldProblem> errors) {
        String rule =
                "must be a non-empty list of distinct event types (TaskCreated, TaskUpdated, TaskDeleted) or [\"*\"]";
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > EventTypes.ALL.size()) {
            errors.add(new Problem.FieldProblem("event_types", rule));
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode type : node) {
            boolean known = type.isTextual()
                    && (type.asText().equals(Webhook.ALL_TYPES)
                            || EventTypes.byName(type.asText()).isPresent());
            if (!known || !types.add(type.asText())) {
                errors.add(new Problem.FieldProblem("event_types", rule));
                return List.of();
            }
        }
        if (types.contains(Webhook.ALL_TYPES) && types.size() > 1) {
            errors.add(new Problem.FieldProblem("event_types", rule));
        }
        return List.copyOf(types);
    }
}
