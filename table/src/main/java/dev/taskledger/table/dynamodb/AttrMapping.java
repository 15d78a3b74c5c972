package dev.taskledger.table.dynamodb;

import dev.taskledger.table.Attr;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Port attribute values to and from the SDK's {@link AttributeValue}. */
final class AttrMapping {
    private AttrMapping() {}

    static Map<String, AttributeValue> toSdk(Map<String, Attr> attributes) {
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        attributes.forEach((name, value) -> result.put(name, toSdk(value)));
        return result;
    }

    static AttributeValue toSdk(Attr value) {
        return switch (value) {
            case Attr.S s -> AttributeValue.fromS(s.value());
            case Attr.N n -> AttributeValue.fromN(n.value());
            case Attr.Bool b -> AttributeValue.fromBool(b.value());
            case Attr.Null x -> AttributeValue.fromNul(true);
            case Attr.L l ->
                AttributeValue.fromL(l.values().stream().map(AttrMapping::toSdk).toList());
            case Attr.M m -> AttributeValue.fromM(toSdk(m.values()));
        };
    }

    static Map<String, Attr> fromSdk(Map<String, AttributeValue> attributes) {
        Map<String, Attr> result = new LinkedHashMap<>();
        attributes.forEach((name, value) -> result.put(name, fromSdk(value)));
        return result;
    }

    static Attr fromSdk(AttributeValue value) {
        return switch (value.type()) {
            case S -> new Attr.S(value.s());
            case N -> new Attr.N(value.n());
            case BOOL -> new Attr.Bool(value.bool());
            case NUL -> new Attr.Null();
            case L -> new Attr.L(value.l().stream().map(AttrMapping::fromSdk).toList());
            case M -> new Attr.M(fromSdk(value.m()));
            default -> throw new IllegalArgumentException("unsupported attribute type " + value.type());
        };
    }
}
