package dev.taskledger.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Stack;

/** The cdk-nag findings the design accepts, each with its reason. Everything else must pass. */
final class Suppressions {
    private Suppressions() {}

    static void apply(Stack stack, FrontDoor frontDoor) {
        NagSuppressions.addStackSuppressions(
                stack,
                List.of(
                        suppress(
                                "AwsSolutions-IAM5",
                                "X-Ray's PutTraceSegments/PutTelemetryRecords and DynamoDB's ListStreams support no"
                                        + " resource-level permissions (AWS requires Resource *); every other"
                                        + " statement names its resources.",
                                "Resource::*"),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM5")
                                .reason("Exports are objects under the export bucket, one key per export; the"
                                        + " functions that write or presign them need the bucket's objects.")
                                .appliesTo(List.of(RegexAppliesTo.builder()
                                        .regex("/^Resource::<Exports[A-Za-z0-9]+\\.Arn>\\/\\*$/")
                                        .build()))
                                .build(),
                        suppress(
                                "AwsSolutions-IAM5",
                                "CDK grant helpers for KMS and S3 use these action families (data-key generation,"
                                        + " re-encryption, object reads); the resources stay the one key and bucket.",
                                "Action::kms:GenerateDataKey*",
                                "Action::kms:ReEncrypt*",
                                "Action::s3:GetObject*",
                                "Action::s3:GetBucket*",
                                "Action::s3:List*",
                                "Action::s3:Abort*"),
                        suppress(
                                "AwsSolutions-SQS3",
                                "These queues are themselves the dead-letter queues of the stream mapping and of the"
                                        + " rule targets; a dead-letter queue of a dead-letter queue adds nothing."),
                        suppress(
                                "AwsSolutions-COG2",
                                "MFA is optional (TOTP) so that each tenant decides; making it mandatory is a"
                                        + " per-organisation policy change of one line."),
                        suppress(
                                "AwsSolutions-COG3",
                                "Threat protection needs the Cognito Plus feature plan; left to the operator's"
                                        + " budget (the pool has no self sign-up)."),
                        suppress(
                                "AwsSolutions-APIG4",
                                "Public by contract (SPEC section 2): /health, /openapi.json and"
                                        + " /.well-known/jwks.json, and CORS preflight requests; every other route"
                                        + " has the Lambda authorizer.")),
                true);
    }

    private static NagPackSuppression suppress(String id, String reason, String... appliesTo) {
        NagPackSuppression.Builder b = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            b.appliesTo(List.of((Object[]) appliesTo));
        }
        return b.build();
    }
}
