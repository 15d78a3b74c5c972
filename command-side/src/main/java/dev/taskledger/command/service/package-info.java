/** The application service: the one place that loads, folds, decides and appends, retrying on conflicts only. */
package dev.taskledger.command.service;
