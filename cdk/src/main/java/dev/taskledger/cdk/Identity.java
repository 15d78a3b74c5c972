package dev.taskledger.cdk;

import dev.taskledger.events.Role;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.StringAttributeProps;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.constructs.Construct;

/**
 * The Cognito user pool whose tokens the authorizer trusts: an immutable {@code custom:tenant_id} (set by an
 * administrator when the user is created, never by the user), one group per role, no self sign-up, a strong
 * password policy with optional TOTP, and an app client without secret that cannot write the tenant (SRP for apps,
 * user-password over TLS for scripts such as {@code bin/smoke-aws}).
 */
final class Identity {
    static final String TENANT_ATTRIBUTE = "tenant_id";

    final UserPool pool;
    final UserPoolClient client;

    Identity(Construct scope) {
        pool = UserPool.Builder.create(scope, "Users")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().email(true).build())
                .customAttributes(Map.of(
                        TENANT_ATTRIBUTE,
                        new StringAttribute(StringAttributeProps.builder()
                                .mutable(false)
                                .minLen(2)
                                .maxLen(63)
                                .build())))
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireDigits(true)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireSymbols(true)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (Role role : Role.values()) {
            CfnUserPoolGroup.Builder.create(scope, "Group" + role.name())
                    .userPoolId(pool.getUserPoolId())
                    .groupName(role.name())
                    .description("TaskLedger role " + role.name())
                    .build();
        }
        client = pool.addClient(
                "AppClient",
                UserPoolClientOptions.builder()
                        .generateSecret(false)
                        .authFlows(AuthFlow.builder()
                                .userSrp(true)
                                .userPassword(true)
                                .build())
                        .preventUserExistenceErrors(true)
                        .idTokenValidity(Duration.hours(1))
                        .accessTokenValidity(Duration.hours(1))
                        .readAttributes(new ClientAttributes()
                                .withStandardAttributes(StandardAttributesMask.builder()
                                        .email(true)
                                        .emailVerified(true)
                                        .build())
                                .withCustomAttributes(TENANT_ATTRIBUTE))
                        // users may not write their own e-mail: ownership of tasks assigned to an address
                        // rests on it (and on email_verified), so only administrators change it
                        .writeAttributes(new ClientAttributes()
                                .withStandardAttributes(StandardAttributesMask.builder()
                                        .fullname(true)
                                        .build()))
                        .build());
    }

    /** The issuer the authorizer trusts: {@code https://cognito-idp.<region>.amazonaws.com/<pool id>}. */
    String issuer() {
        return "https://cognito-idp." + Stack.of(pool).getRegion() + ".amazonaws.com/" + pool.getUserPoolId();
    }
}
