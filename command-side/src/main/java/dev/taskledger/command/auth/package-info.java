/**
 * The JWT authorizer: verifies bearer tokens of one configured issuer (RS256 or ES256, JWKS cached and refreshed on
 * an unknown key id) and maps Cognito-style claims to a {@link dev.taskledger.http.Principal}.
 */
package dev.taskledger.command.auth;
