/**
 * The AWS Lambda entry points of the projectors module: each has a no-arg constructor for the Lambda runtime that
 * wires its ports once per execution environment from {@link dev.taskledger.table.dynamodb.AwsEnvironment}, and
 * delegates to the same handler the local runtime calls.
 */
package dev.taskledger.projector.lambda;
