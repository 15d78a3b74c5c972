package dev.taskledger.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.taskledger.events.Actor;
import dev.taskledger.events.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The caller, as the authorizer established it. Functions read it only from the authorizer context of the event
 * (never from the path, query, headers or body), which is what keeps tenants apart.
 *
 * <p>The authorizer always answers "authorized" and passes its verdict in the context ({@code auth_error} =
 * {@code unauthorized} or {@code forbidden}), so that the function can answer with the problem documents of the
 * contract (API Gateway's own deny response is a bare 403).
 */
public record Principal(String tenantId, String userId, String email, Role role) {
    public static final String TENANT_ID = "tenant_id";
    public static final String USER_ID = "user_id";
    public static final String EMAIL = "email";
    public static final String ROLE = "role";
    public static final String AUTH_ERROR = "auth_error";
    public static final String AUTH_DETAIL = "auth_detail";
    /** The token's {@code exp} (epoch seconds): a cached verdict is refused once it has passed (plus the skew). */
    public static final String EXPIRES_AT = "expires_at";
    /** The clock skew SPEC section 11 allows on {@code exp}. */
    public static final long CLOCK_SKEW_SECONDS = 60;

    public Actor actor() {
        return new Actor(userId, email, role);
    }

    public Map<String, String> toContext() {
        Map<String, String> context = new HashMap<>();
        context.put(TENANT_ID, tenantId);
        context.put(USER_ID, userId);
        context.put(EMAIL, email == null ? "" : email);
        context.put(ROLE, role.name());
        return context;
    }

    public static Map<String, String> deniedContext(ProblemType type, String detail) {
        return Map.of(AUTH_ERROR, type == ProblemType.FORBIDDEN ? "forbidden" : "unauthorized", AUTH_DETAIL, detail);
    }

    /** The principal of an authenticated request, or the problem to answer with. */
    public static io.vavr.control.Either<Problem, Principal> from(APIGatewayV2HTTPEvent event) {
        Map<String, Object> context = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getLambda)
                .orElse(Map.of());
        Object error = context.get(AUTH_ERROR);
        if (error != null) {
            String detail = String.valueOf(context.getOrDefault(AUTH_DETAIL, "invalid token"));
            return io.vavr.control.Either.left(
                    Problem.of("forbidden".equals(error) ? ProblemType.FORBIDDEN : ProblemType.UNAUTHORIZED, detail));
        }
        Object tenant = context.get(TENANT_ID);
        Object user = context.get(USER_ID);
        Object role = context.get(ROLE);
        if (tenant == null || user == null || role == null) {
            return io.vavr.control.Either.left(Problem.of(ProblemType.UNAUTHORIZED, "a bearer token is required"));
        }
        Object expiresAt = context.get(EXPIRES_AT);
        if (expiresAt != null && expired(expiresAt.toString(), java.time.Instant.now())) {
            // API Gateway caches verdicts by Authorization header for the authorizer's TTL, which may outlive the
            // token: the function refuses a verdict whose token has expired since
            return io.vavr.control.Either.left(Problem.of(ProblemType.UNAUTHORIZED, "the bearer token has expired"));
        }
        Object email = context.get(EMAIL);
        return io.vavr.control.Either.right(new Principal(
                tenant.toString(),
                user.toString(),
                email == null || email.toString().isEmpty() ? null : email.toString(),
                Role.valueOf(role.toString())));
    }

    /** Whether a verdict for a token expiring at {@code expiresAt} (epoch seconds) is stale at {@code now}. */
    public static boolean expired(String expiresAt, java.time.Instant now) {
        try {
            return now.getEpochSecond() > Long.parseLong(expiresAt) + CLOCK_SKEW_SECONDS;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
