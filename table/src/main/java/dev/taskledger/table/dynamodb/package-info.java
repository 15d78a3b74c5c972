/** The AWS adapter of the table port: DynamoDB through the AWS SDK v2, and its stream through DynamoDB Streams. */
package dev.taskledger.table.dynamodb;
