/** The auditors' side: the audit trail, chain verification, and the chain of signed digests. */
package dev.taskledger.query.audit;
