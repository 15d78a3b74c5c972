package dev.taskledger.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute maps to and from DynamoDB's JSON form ({@code {"S": "…"}}, {@code {"N": "…"}}, …) — the form the
 * embedded store keeps items and change records in, and the form Lambda's stream events carry.
 */
public final class AttrJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttrJson() {}

    public static ObjectNode toJson(Map<String, Attr> attributes) {
        ObjectNode json = NODES.objectNode();
        attributes.forEach((name, value) -> json.set(name, toJson(value)));
        return json;
    }

    public static String toJsonString(Map<String, Attr> attributes) {
        try {
            return MAPPER.writeValueAsString(toJson(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode toJson(Attr value) {
        ObjectNode json = NODES.objectNode();
        switch (value) {
            case Attr.S s -> json.put("S", s.value());
            case Attr.N n -> json.put("N", n.value());
            case Attr.Bool b -> json.put("BOOL", b.value());
            case Attr.Null x -> json.put("NULL", true);
            case Attr.L l -> {
                ArrayNode array = json.putArray("L");
                l.values().forEach(v -> array.add(toJson(v)));
            }
            case Attr.M m -> json.set("M", toJson(m.values()));
        }
        return json;
    }

    public static Map<String, Attr> fromJsonString(String json) {
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not DynamoDB JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Attr> fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("an attribute map must be a JSON object");
        }
        Map<String, Attr> attributes = new LinkedHashMap<>();
        json.properties().forEach(e -> attributes.put(e.getKey(), attr(e.getValue())));
        return attributes;
    }

    public static Attr attr(JsonNode json) {
        if (!json.isObject() || json.size() != 1) {
            throw new IllegalArgumentException("an attribute value has exactly one type member: " + json);
        }
        Map.Entry<String, JsonNode> typed = json.properties().iterator().next();
        JsonNode v = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> new Attr.S(v.textValue());
            case "N" -> new Attr.N(v.textValue());
            case "BOOL" -> new Attr.Bool(v.booleanValue());
            case "NULL" -> new Attr.Null();
            case "L" -> {
                List<Attr> values = new ArrayList<>();
                v.forEach(item -> values.add(attr(item)));
                yield new Attr.L(values);
            }
            case "M" -> new Attr.M(fromJson(v));
            default -> throw new IllegalArgumentException("unsupported attribute type " + typed.getKey());
        };
    }
}
