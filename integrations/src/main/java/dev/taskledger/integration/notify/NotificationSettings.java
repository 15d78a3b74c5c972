package dev.taskledger.integration.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import io.vavr.control.Either;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tenant's choice of which {@link Trigger}s notify; by default only {@link Trigger#ASSIGNED}. */
public record NotificationSettings(Set<Trigger> notifyOn) {
    public static final NotificationSettings DEFAULT = new NotificationSettings(EnumSet.of(Trigger.ASSIGNED));

    public NotificationSettings {
        notifyOn = notifyOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(notifyOn));
    }

    public ObjectNode toJson() {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        var array = json.putArray("notify_on");
        EnumSet<Trigger> ordered = notifyOn.isEmpty() ? EnumSet.noneOf(Trigger.class) : EnumSet.copyOf(notifyOn);
        ordered.forEach(t -> array.add(t.name()));
        return json;
    }

    /** {@code {"notify_on": [<trigger>...]}} (an empty list turns notifications off); one error per bad member. */
    public static Either<Problem, NotificationSettings> parse(JsonNode body) {
        String rule = "must be a list of distinct triggers: " + List.of(Trigger.values());
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("notify_on")) {
                return Either.left(invalid(name, "is not a known member"));
            }
        }
        JsonNode list = body.get("notify_on");
        if (list == null || !list.isArray() || list.size() > Trigger.values().length) {
            return Either.left(invalid("notify_on", rule));
        }
        EnumSet<Trigger> triggers = EnumSet.noneOf(Trigger.class);
        for (JsonNode item : list) {
            Trigger trigger = item.isTextual() ? byName(item.asText()) : null;
            if (trigger == null || !triggers.add(trigger)) {
                return Either.left(invalid("notify_on", rule));
            }
        }
        return Either.right(new NotificationSettings(triggers));
    }

    private static Trigger byName(String name) {
        for (Trigger t : Trigger.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static Problem invalid(String field, String message) {
        return new Problem(
                ProblemType.VALIDATION,
                "the settings are invalid",
                List.of(new Problem.FieldProblem(field, message)),
                Map.of());
    }
}
