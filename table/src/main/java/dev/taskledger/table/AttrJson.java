package dev.taskledger.table;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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

    /** Streamed and strict: anything but DynamoDB JSON (a wrong type in a type member included) is refused. */
    public static Map<String, Attr> fromJsonString(String text) {
        try (JsonParser json = MAPPER.getFactory().createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an attribute map must be a JSON object");
            }
            return readMap(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not DynamoDB JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not DynamoDB JSON: " + e.getMessage(), e);
        }
    }

    /** The members of the object whose start the parser is on, up to and including its end. */
    private static Map<String, Attr> readMap(JsonParser json) throws IOException {
        Map<String, Attr> attributes = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            attributes.put(name, readAttr(json));
        }
        return attributes;
    }

    private static Attr readAttr(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT || json.nextToken() != JsonToken.FIELD_NAME) {
            throw new IllegalArgumentException("an attribute value has exactly one type member");
        }
        String type = json.currentName();
        JsonToken value = json.nextToken();
        Attr attr =
                switch (type) {
                    case "S" -> new Attr.S(text(json, value));
                    case "N" -> new Attr.N(text(json, value));
                    case "BOOL" -> {
                        if (!value.isBoolean()) {
                            throw new IllegalArgumentException("BOOL holds true or false");
                        }
                        yield new Attr.Bool(value == JsonToken.VALUE_TRUE);
                    }
                    case "NULL" -> new Attr.Null();
                    case "L" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new IllegalArgumentException("L holds an array");
                        }
                        List<Attr> values = new ArrayList<>();
                        while (json.nextToken() != JsonToken.END_ARRAY) {
                            values.add(readAttr(json));
                        }
                        yield new Attr.L(values);
                    }
                    case "M" -> {
                        if (value != JsonToken.START_OBJECT) {
                            throw new IllegalArgumentException("M holds an object");
                        }
                        yield new Attr.M(readMap(json));
                    }
                    default -> throw new IllegalArgumentException("unsupported attribute type " + type);
                };
        if (json.nextToken() != JsonToken.END_OBJECT) {
            throw new IllegalArgumentException("an attribute value has exactly one type member");
        }
        return attr;
    }

    private static String text(JsonParser json, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("S and N hold strings");
        }
        return json.getText();
    }
}
