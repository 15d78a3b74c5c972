/**
 * The narrow table port: the DynamoDB operations the project actually uses (get by key, query a partition by
 * sort-key prefix or range with paging, transactional writes with typed conditions, and a change stream of item
 * images), with one adapter per storage engine. Nothing above this package knows which engine it runs on.
 */
package dev.taskledger.table;
