package dev.taskledger.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem document, with optional per-field errors and extra response headers. */
public record Problem(ProblemType type, String detail, List<FieldProblem> errors, Map<String, String> headers) {
    public record FieldProblem(String field, String message) {}

    public Problem {
        errors = List.copyOf(errors);
        headers = Map.copyOf(headers);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, List.of(), Map.of());
    }

    public Problem withHeader(String name, String value) {
        var all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new Problem(type, detail, errors, all);
    }

    public ObjectNode toJson() {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        json.put("type", type.uri());
        json.put("title", type.title());
        json.put("status", type.status());
        json.put("detail", detail);
        if (!errors.isEmpty()) {
            var array = json.putArray("errors");
            errors.forEach(e -> array.addObject().put("field", e.field()).put("message", e.message()));
        }
        return json;
    }
}
