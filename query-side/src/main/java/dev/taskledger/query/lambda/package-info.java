/**
 * The AWS Lambda entry points of the query side: no-arg constructors for the Lambda runtime, ports wired once per
 * execution environment from {@link dev.taskledger.table.dynamodb.AwsEnvironment} (DynamoDB, EventBridge, KMS, S3),
 * delegating to the same handlers the local runtime calls.
 */
package dev.taskledger.query.lambda;
