package dev.taskledger.http;

import java.util.Locale;

/**
 * Every operation of the API (its OpenAPI {@code operationId}), grouped by the function that serves it: a handler
 * switches over its own group, exhaustively and with no default, so an operation added to a group without a
 * handler fails to compile.
 */
public sealed interface Operation
        permits Operation.TaskCommand,
                Operation.TaskQuery,
                Operation.AuditQuery,
                Operation.AnalyticsQuery,
                Operation.Integration,
                Operation.System,
                Operation.Local {
    /** The enum constant's name. */
    String name();

    /** The OpenAPI {@code operationId}: the constant's name in lower camel case ({@code LIST_TASKS} → listTasks). */
    default String id() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder id = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            id.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return id.toString();
    }

    enum TaskCommand implements Operation {
        CREATE_TASK,
        REPLACE_TASK,
        UPDATE_TASK,
        DELETE_TASK
    }

    enum TaskQuery implements Operation {
        LIST_TASKS,
        GET_TASK,
        GET_TASK_HISTORY
    }

    enum AuditQuery implements Operation {
        LIST_AUDIT_TRAIL,
        VERIFY_LEDGER,
        GET_DIGEST,
        LIST_DIGESTS,
        CREATE_EXPORT,
        GET_EXPORT
    }

    enum AnalyticsQuery implements Operation {
        GET_ANALYTICS_SUMMARY
    }

    enum Integration implements Operation {
        CREATE_WEBHOOK,
        LIST_WEBHOOKS,
        GET_WEBHOOK,
        DELETE_WEBHOOK,
        LIST_WEBHOOK_DELIVERIES,
        REDRIVE_WEBHOOK_DELIVERIES,
        GET_NOTIFICATION_SETTINGS,
        PUT_NOTIFICATION_SETTINGS
    }

    enum System implements Operation {
        GET_HEALTH,
        GET_OPEN_API,
        GET_JWKS
    }

    /** Local mode only: dev tokens, metrics, export downloads, the outbox. */
    enum Local implements Operation {
        CREATE_DEV_TOKEN,
        GET_METRICS,
        DOWNLOAD_EXPORT,
        LIST_OUTBOX
    }
}
