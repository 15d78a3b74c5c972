package dev.taskledger.projector.route;

/** One EventBridge rule: its name, its event pattern (JSON), and the target it feeds. */
public record EventRoute(String ruleName, String pattern, ProjectorName target) {}
