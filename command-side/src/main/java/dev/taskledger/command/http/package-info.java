/** The command function: API Gateway v2 events in, v2 responses out; parse, call the service once, map. */
package dev.taskledger.command.http;
