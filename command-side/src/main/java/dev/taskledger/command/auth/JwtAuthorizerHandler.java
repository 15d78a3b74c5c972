package dev.taskledger.command.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.taskledger.http.Priming;
import java.util.Map;

/**
 * The API Gateway HTTP API Lambda authorizer (payload 2.0, simple responses). It always authorizes and puts its
 * verdict in the context: the principal ({@code tenant_id}, {@code user_id}, {@code email}, {@code role}), or an
 * {@code auth_error} the function turns into the contract's 401/403 problem document.
 */
public final class JwtAuthorizerHandler
        implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {
    private final JwtAuthenticator authenticator;

    /** For the Lambda runtime: configured from the environment once per execution environment. */
    public JwtAuthorizerHandler() {
        this(new JwtAuthenticator(AuthSettings.fromEnvironment()));
        Priming.register("AUTHORIZER", () -> authenticator.authenticate("Bearer e30.e30.priming"));
    }

    public JwtAuthorizerHandler(JwtAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        AuthResult result = authenticator.authenticate(headers.get("authorization"));
        return SimpleIAMPolicyResponse.builder()
                .withIsAuthorized(true)
                .withContext(JwtAuthenticator.context(result))
                .build();
    }
}
