package dev.taskledger.integration.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import io.vavr.control.Either;
import java.net.URI;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's choice of which {@link Trigger}s notify (by default only {@link Trigger#ASSIGNED}), and the tenant's own
 * Slack incoming webhook, if any: a secret, never shown back (only whether one is configured), and never shared with
 * another tenant.
 */
public record NotificationSettings(Set<Trigger> notifyOn, Optional<URI> slackWebhookUrl) {
    public static final NotificationSettings DEFAULT =
            new NotificationSettings(EnumSet.of(Trigger.ASSIGNED), Optional.empty());

    public NotificationSettings {
        notifyOn = notifyOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(notifyOn));
    }

    public NotificationSettings(Set<Trigger> notifyOn) {
        this(notifyOn, Optional.empty());
    }

    public ObjectNode toJson() {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        var array = json.putArray("notify_on");
        EnumSet<Trigger> ordered = notifyOn.isEmpty() ? EnumSet.noneOf(Trigger.class) : EnumSet.copyOf(notifyOn);
        ordered.forEach(t -> array.add(t.name()));
        json.put("slack_webhook_configured", slackWebhookUrl.isPresent());
        return json;
    }

    /** {@code {"notify_on": [...]}} alone (tests and defaults). */
    public static Either<Problem, NotificationSettings> parse(JsonNode body) {
        return parse(body, DEFAULT);
    }

    /**
     * {@code {"notify_on": [<trigger>...], "slack_webhook_url"?: "<https URL>" | null}}: an empty list turns
     * notifications off; {@code slack_webhook_url} sets the tenant's Slack webhook, {@code null} removes it, and
     * leaving it out keeps the current one (it is never shown, so a client cannot send it back). The URL's target is
     * checked by the caller (the SSRF guard). One error per bad member.
     */
    public static Either<Problem, NotificationSettings> parse(JsonNode body, NotificationSettings current) {
        String rule = "must be a list of distinct triggers: " + List.of(Trigger.values());
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("notify_on") && !name.equals("slack_webhook_url")) {
                return Either.left(invalid(name, "is not a known member"));
            }
        }
        Optional<URI> slack = current.slackWebhookUrl();
        JsonNode slackNode = body.get("slack_webhook_url");
        if (slackNode != null) {
            if (slackNode.isNull()) {
                slack = Optional.empty();
            } else if (!slackNode.isTextual() || slackNode.asText().length() > 2048) {
                return Either.left(invalid("slack_webhook_url", "must be a URL or null"));
            } else {
                try {
                    URI uri = new URI(slackNode.asText());
                    if (!uri.isAbsolute() || uri.getHost() == null) {
                        return Either.left(invalid("slack_webhook_url", "must be an absolute URL"));
                    }
                    slack = Optional.of(uri);
                } catch (java.net.URISyntaxException e) {
                    return Either.left(invalid("slack_webhook_url", "must be a URL or null"));
                }
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
        return Either.right(new NotificationSettings(triggers, slack));
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
