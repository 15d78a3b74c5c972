package dev.taskledger.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.http.Headers;
import dev.taskledger.http.Problem;
import dev.taskledger.http.ProblemType;
import dev.taskledger.http.RequestBodies;
import dev.taskledger.http.Responses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code POST /dev/tokens}: mints a dev token; 404 when an external issuer is configured. */
final class DevTokensFunction {
    private static final Pattern TENANT = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    private static final Set<String> FIELDS = Set.of("tenant_id", "user_id", "email", "role", "ttl_seconds");
    private final Optional<DevIssuer> issuer;
    private final java.util.function.BiConsumer<String, String> members;

    /** {@code members} is told each (tenant, e-mail) a token is minted for: dev mode makes that user a member. */
    DevTokensFunction(Optional<DevIssuer> issuer, java.util.function.BiConsumer<String, String> members) {
        this.issuer = issuer;
        this.members = members;
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String requestId = Headers.requestId(event);
        if (issuer.isEmpty()) {
            return Responses.problem(
                    Problem.of(ProblemType.NOT_FOUND, "dev tokens are off: an external issuer is configured"),
                    requestId);
        }
        return RequestBodies.jsonBody(event, RequestBodies.bodyBytes(event))
                .flatMap(DevTokensFunction::validate)
                .fold(p -> Responses.problem(p, requestId), request -> {
                    if (request.email() != null) {
                        members.accept(request.tenant(), request.email());
                    }
                    String token = issuer.get()
                            .mint(request.tenant(), request.user(), request.email(), request.role(), request.ttl());
                    return Responses.json(
                            200,
                            EventCodec.MAPPER.createObjectNode().put("token", token),
                            Map.of(Headers.REQUEST_ID, requestId, "Cache-Control", "no-store"));
                });
    }

    record TokenRequest(String tenant, String user, String email, Role role, long ttl) {}

    static io.vavr.control.Either<Problem, TokenRequest> validate(JsonNode body) {
        List<Problem.FieldProblem> errors = new ArrayList<>();
        body.properties().forEach(e -> {
            if (!FIELDS.contains(e.getKey())) {
                errors.add(new Problem.FieldProblem(e.getKey(), "is not a known field"));
            }
        });
        String tenant = text(body, "tenant_id");
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            errors.add(new Problem.FieldProblem("tenant_id", "must match ^[a-z0-9][a-z0-9-]{1,62}$"));
        }
        String user = text(body, "user_id");
        if (user == null || !Headers.isSafeId(user)) {
            errors.add(new Problem.FieldProblem("user_id", "must be 1-128 visible ASCII characters"));
        }
        String email = null;
        if (body.hasNonNull("email")) {
            email = text(body, "email");
            if (email == null || email.length() > 254 || !email.contains("@") || !Headers.isSafeId(email)) {
                errors.add(new Problem.FieldProblem("email", "must be an e-mail address"));
            }
        }
        Role role = null;
        String roleText = text(body, "role");
        for (Role r : Role.values()) {
            if (r.name().equals(roleText)) {
                role = r;
            }
        }
        if (role == null) {
            errors.add(new Problem.FieldProblem("role", "must be one of ADMIN, MEMBER, AUDITOR"));
        }
        long ttl = 3600;
        if (body.has("ttl_seconds")) {
            JsonNode t = body.get("ttl_seconds");
            if (!t.isIntegralNumber() || !t.canConvertToLong() || t.longValue() < 60 || t.longValue() > 86_400) {
                errors.add(new Problem.FieldProblem("ttl_seconds", "must be an integer 60-86400"));
            } else {
                ttl = t.longValue();
            }
        }
        if (!errors.isEmpty()) {
            return io.vavr.control.Either.left(
                    new Problem(ProblemType.VALIDATION, errors.size() + " field(s) are invalid", errors, Map.of()));
        }
        return io.vavr.control.Either.right(new TokenRequest(tenant, user, email, role, ttl));
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
