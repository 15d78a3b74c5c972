/**
 * HTTP plumbing shared by every function and by the local front door: the route table (topology as data), problem
 * documents, the principal as the authorizer passes it, request ids, and the task representation.
 */
package dev.taskledger.http;
