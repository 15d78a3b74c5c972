/**
 * The AWS app: {@link dev.taskledger.cdk.TaskLedgerStack} composes the storage, the functions (from
 * {@link dev.taskledger.cdk.FunctionCatalog}), the HTTP API (routes generated from the shared route table), the
 * events (stream mapping, bus and rules generated from the shared event routes) and the monitoring. cdk-nag's
 * AwsSolutions pack checks it; every suppression carries its reason.
 */
package dev.taskledger.cdk;
