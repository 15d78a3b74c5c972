package dev.taskledger.projector.runtime;

import dev.taskledger.projector.analytics.AnalyticsProjector;
import dev.taskledger.projector.route.ProjectorName;
import dev.taskledger.projector.view.AuditProjector;
import dev.taskledger.projector.view.TaskViewProjector;
import java.util.List;
import java.util.Optional;

/** The projections, once: what rebuild and verify commands cover and what each projector target runs. */
public final class Projections {
    private Projections() {}

    public static List<Projector> all() {
        return List.of(new TaskViewProjector(), new AnalyticsProjector(), new AuditProjector());
    }

    /** The projection a bus target maintains; empty for targets that are not projections (exports, webhooks…). */
    public static Optional<Projector> forTarget(ProjectorName target) {
        return switch (target) {
            case TASK_VIEW -> Optional.of(new TaskViewProjector());
            case ANALYTICS -> Optional.of(new AnalyticsProjector());
            case AUDIT -> Optional.of(new AuditProjector());
            case EXPORTER, WEBHOOKS, NOTIFICATIONS -> Optional.empty();
        };
    }

    /** {@code "all"} or one projection's name ({@code task-view}, {@code analytics}, {@code audit}). */
    public static List<Projector> named(String which) {
        if (which.equals("all")) {
            return all();
        }
        return all().stream()
                .filter(p -> p.name().equals(which))
                .findFirst()
                .map(List::of)
                .orElseThrow(
                        () -> new IllegalArgumentException("projection must be task-view, analytics, audit or all"));
    }
}
