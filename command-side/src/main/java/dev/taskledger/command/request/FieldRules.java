package dev.taskledger.command.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.command.domain.FieldError;
import dev.taskledger.command.domain.Rejection;
import dev.taskledger.events.Priority;
import dev.taskledger.events.Status;
import dev.taskledger.events.TaskField;
import io.vavr.control.Either;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field rules of SPEC section 3 and 11, applied at the edge to a client's JSON object (the domain sees only
 * the typed values they produce). Produces either one error per
 * bad field, or the normalised values (trimmed, {@code assigned_to} lower-cased) of the fields present, where a
 * JSON {@code null} has already become the field's cleared value.
 */
public final class FieldRules {
    public static final Set<String> SERVER_OWNED =
            Set.of("task_id", "tenant_id", "created_at", "created_by", "updated_at", "updated_by", "version");
    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 10_000;
    static final int EMAIL_MAX = 254;
    static final int LABELS_MAX = 20;
    static final int LABEL_MAX = 50;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9 _.:-]+");
    // The WHATWG HTML "valid e-mail address" production, the form browsers and most APIs accept.
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private FieldRules() {}

    /** Validates a create body and applies defaults for absent fields. */
    public static Either<Rejection, Map<TaskField, Object>> forCreate(JsonNode body) {
        return validate(body).flatMap(values -> {
            if (!values.containsKey(TaskField.TITLE)) {
                return Either.left(new Rejection.Invalid(List.of(new FieldError("title", "is required"))));
            }
            Map<TaskField, Object> withDefaults = new EnumMap<>(values);
            withDefaults.putIfAbsent(TaskField.DESCRIPTION, "");
            withDefaults.putIfAbsent(TaskField.STATUS, Status.OPEN);
            withDefaults.putIfAbsent(TaskField.PRIORITY, Priority.MEDIUM);
            withDefaults.putIfAbsent(TaskField.LABELS, List.of());
            return Either.right(withDefaults);
        });
    }

    /** Validates a merge-patch: only the fields present, {@code null} meaning "clear". */
    public static Either<Rejection, Map<TaskField, Object>> forPatch(JsonNode patch) {
        return validate(patch);
    }

    private static Either<Rejection, Map<TaskField, Object>> validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Either.left(new Rejection.Malformed("the body must be a JSON object"));
        }
        List<FieldError> errors = new ArrayList<>();
        Map<TaskField, Object> values = new EnumMap<>(TaskField.class);
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            String name = member.getKey();
            Optional<TaskField> field = TaskField.byWireName(name);
            if (field.isEmpty()) {
                errors.add(
                        new FieldError(name, SERVER_OWNED.contains(name) ? "is server-owned" : "is not a known field"));
                continue;
            }
            Either<String, Object> value = value(field.get(), member.getValue());
            if (value.isLeft()) {
                errors.add(new FieldError(name, value.getLeft()));
            } else {
                values.put(field.get(), value.get());
            }
        }
        if (!errors.isEmpty()) {
            return Either.left(new Rejection.Invalid(errors));
        }
        return Either.right(values);
    }

    private static Either<String, Object> value(TaskField field, JsonNode json) {
        if (json.isNull()) {
            return switch (field) {
                case TITLE, STATUS, PRIORITY -> Either.left("cannot be null");
                case DESCRIPTION -> Either.right("");
                case LABELS -> Either.right(List.of());
                case ASSIGNED_TO, DUE_DATE -> Either.right(null);
            };
        }
        return switch (field) {
            case TITLE ->
                text(json).flatMap(s -> boundedText(s, 1, TITLE_MAX, false)).flatMap(FieldRules::visible);
            case DESCRIPTION -> text(json).flatMap(s -> boundedText(s, 0, DESCRIPTION_MAX, true));
            case STATUS -> text(json).flatMap(s -> oneOf(Status.class, s));
            case PRIORITY -> text(json).flatMap(s -> oneOf(Priority.class, s));
            case ASSIGNED_TO -> text(json).flatMap(FieldRules::email);
            case DUE_DATE -> text(json).flatMap(FieldRules::date);
            case LABELS -> labels(json);
        };
    }

    private static Either<String, String> text(JsonNode json) {
        return json.isTextual() ? Either.right(json.textValue()) : Either.left("must be a string");
    }

    private static Either<String, Object> boundedText(String raw, int min, int max, boolean allowWhitespaceControls) {
        String value = raw.strip();
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            return Either.left("must not be blank");
        }
        if (length > max) {
            return Either.left("must be at most " + max + " characters");
        }
        if (hasControl(value, allowWhitespaceControls)) {
            return Either.left("must not contain control characters");
        }
        return Either.right(value);
    }

    /**
     * A title shows what it says: no Unicode format character that reorders or hides text (bidi embeddings,
     * overrides, isolates and marks; zero-width space, word joiner, BOM, soft hyphen, invisible operators), and
     * something visible once format characters and whitespace are set aside. The zero-width joiner and non-joiner
     * (needed by emoji sequences and several scripts) and emoji tag characters are kept. Labels are ASCII by rule.
     */
    private static Either<String, Object> visible(Object title) {
        String text = (String) title;
        boolean hasVisible = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.FORMAT) {
                if (!(cp == 0x200C || cp == 0x200D || (cp >= 0xE0020 && cp <= 0xE007F))) {
                    return Either.left("must not contain invisible or text-reordering format characters");
                }
            } else if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                hasVisible = true;
            }
        }
        return hasVisible ? Either.right(text) : Either.left("must not be blank");
    }

    private static <E extends Enum<E>> Either<String, Object> oneOf(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return Either.right(constant);
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        return Either.left("must be one of " + String.join(", ", names));
    }

    private static Either<String, Object> email(String raw) {
        String value = raw.strip();
        if (value.codePointCount(0, value.length()) > EMAIL_MAX) {
            return Either.left("must be at most " + EMAIL_MAX + " characters");
        }
        if (hasControl(value, false) || !EMAIL.matcher(value).matches()) {
            return Either.left("must be an e-mail address");
        }
        return Either.right(value.toLowerCase(Locale.ROOT));
    }

    private static Either<String, Object> date(String value) {
        try {
            return Either.right(LocalDate.parse(value, DATE));
        } catch (DateTimeParseException e) {
            return Either.left("must be a date YYYY-MM-DD");
        }
    }

    private static Either<String, Object> labels(JsonNode json) {
        if (!json.isArray()) {
            return Either.left("must be an array of strings");
        }
        if (json.size() > LABELS_MAX) {
            return Either.left("must hold at most " + LABELS_MAX + " labels");
        }
        List<String> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : json) {
            if (!item.isTextual()) {
                return Either.left("must be an array of strings");
            }
            String label = item.textValue().strip();
            int length = label.codePointCount(0, label.length());
            if (length < 1 || length > LABEL_MAX || !LABEL.matcher(label).matches()) {
                return Either.left("each label must be 1-" + LABEL_MAX + " characters of A-Z a-z 0-9 space _ . : -");
            }
            if (!seen.add(label)) {
                return Either.left("labels must be distinct");
            }
            labels.add(label);
        }
        return Either.right(List.copyOf(labels));
    }

    private static boolean hasControl(String value, boolean allowWhitespaceControls) {
        // an unpaired surrogate is not Unicode text at all (and not I-JSON): refused like a control character
        return value.codePoints()
                .anyMatch(cp -> Character.getType(cp) == Character.SURROGATE
                        || (Character.getType(cp) == Character.CONTROL
                                && !(allowWhitespaceControls && (cp == '\n' || cp == '\r' || cp == '\t'))));
    }
}
