/**
 * The pure task decider: commands, state per lifecycle stage, field rules, {@code decide} and {@code evolve}.
 * No I/O, no clock, no id generation: time, ids and the actor arrive in {@link dev.taskledger.command.domain.CommandContext}.
 */
package dev.taskledger.command.domain;
