package dev.taskledger.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.Role;
import dev.taskledger.http.Principal;
import dev.taskledger.http.ProblemType;
import dev.taskledger.table.dynamodb.DynamoDbClients;
import dev.taskledger.table.dynamodb.MotoServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The authorizer against a Cognito user pool as emulated by moto, set up as the CDK app sets it up (immutable
 * {@code custom:tenant_id}, a group per role, an app client without secret): the pool's ID tokens are accepted
 * through its JWKS with the tenant and role they carry; its access tokens verify (signature, issuer, client id) but
 * carry no tenant, so they are refused with 403; tampered tokens and tokens of another client are 401.
 */
class CognitoAuthorizerIT {
    static final String PASSWORD = "Str0ng!Passw0rd-1";
    static String poolId;
    static String clientId;
    static String otherClientId;
    static CognitoIdentityProviderClient cognito;

    @BeforeAll
    static void pool() {
        MotoServer moto = MotoServer.get();
        cognito = DynamoDbClients.configure(CognitoIdentityProviderClient.builder(), moto.settings())
                .build();
        poolId = cognito.createUserPool(r -> r.poolName("taskledger-it").schema(s -> s.name("tenant_id")
                        .attributeDataType(AttributeDataType.STRING)
                        .mutable(false)))
                .userPool()
                .id();
        clientId = client("app");
        otherClientId = client("other-app");
        for (Role role : Role.values()) {
            cognito.createGroup(r -> r.userPoolId(poolId).groupName(role.name()));
        }
        user("hassan@company.pk", "karachi-tech", Role.MEMBER);
        user("audrey@company.pk", "karachi-tech", Role.AUDITOR);
    }

    static String client(String name) {
        return cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName(name)
                        .generateSecret(false)
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient()
                .clientId();
    }

    static void user(String email, String tenant, Role role) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username(email)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(
                        AttributeType.builder().name("email").value(email).build(),
                        AttributeType.builder()
                                .name("custom:tenant_id")
                                .value(tenant)
                                .build()));
        cognito.adminSetUserPassword(
                r -> r.userPoolId(poolId).username(email).password(PASSWORD).permanent(true));
        cognito.adminAddUserToGroup(r -> r.userPoolId(poolId).username(email).groupName(role.name()));
    }

    static AuthenticationResultType signIn(String email, String client) {
        return cognito.initiateAuth(r -> r.clientId(client)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(java.util.Map.of("USERNAME", email, "PASSWORD", PASSWORD)))
                .authenticationResult();
    }

    /** Configured as the CDK app configures the authorizer: the pool's issuer, the app client, the pool's JWKS. */
    static JwtAuthenticator authenticator() {
        String issuer = "https://cognito-idp.us-east-1.amazonaws.com/" + poolId;
        String jwks = MotoServer.get().endpoint() + "/" + poolId + "/.well-known/jwks.json";
        return new JwtAuthenticator(AuthSettings.remote(issuer, clientId, jwks));
    }

    @Test
    void an_id_token_of_the_pool_is_accepted_with_the_tenant_and_role_it_carries() {
        AuthenticationResultType tokens = signIn("hassan@company.pk", clientId);
        AuthResult result = authenticator().authenticate("Bearer " + tokens.idToken());
        assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
        Principal principal = ((AuthResult.Authenticated) result).principal();
        assertThat(principal.tenantId()).isEqualTo("karachi-tech");
        assertThat(principal.role()).isEqualTo(Role.MEMBER);

        AuthResult auditor = authenticator()
                .authenticate("Bearer " + signIn("audrey@company.pk", clientId).idToken());
        assertThat(((AuthResult.Authenticated) auditor).principal().role()).isEqualTo(Role.AUDITOR);
    }

    @Test
    void an_access_token_verifies_but_without_a_tenant_claim_it_is_forbidden() {
        AuthResult result = authenticator()
                .authenticate("Bearer " + signIn("hassan@company.pk", clientId).accessToken());
        assertThat(result).isInstanceOf(AuthResult.Denied.class);
        assertThat(((AuthResult.Denied) result).type()).isEqualTo(ProblemType.FORBIDDEN);
    }

    @Test
    void tampered_tokens_and_tokens_for_another_client_are_unauthorized() {
        String id = signIn("hassan@company.pk", clientId).idToken();
        String[] parts = id.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace("karachi-tech", "lahore-labs")
                        .getBytes());
        for (String token : List.of(
                parts[0] + "." + forgedPayload + "." + parts[2],
                id.substring(0, id.length() - 4) + "AAAA",
                signIn("hassan@company.pk", otherClientId).idToken(),
                signIn("hassan@company.pk", otherClientId).accessToken())) {
            AuthResult result = authenticator().authenticate("Bearer " + token);
            assertThat(result).as(token).isInstanceOf(AuthResult.Denied.class);
            assertThat(((AuthResult.Denied) result).type()).isEqualTo(ProblemType.UNAUTHORIZED);
        }
    }

    @Test
    void a_wrong_password_gets_no_token_at_all() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cognito.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(java.util.Map.of("USERNAME", "hassan@company.pk", "PASSWORD", "wrong"))))
                .isInstanceOf(AwsServiceException.class);
    }
}
