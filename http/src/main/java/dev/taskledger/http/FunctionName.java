package dev.taskledger.http;

/**
 * The functions behind the routes. The CDK app makes one Lambda function of each AWS function; the local runtime
 * registers one in-process handler of each.
 */
public enum FunctionName {
    /** POST/PUT/PATCH/DELETE of tasks. */
    TASK_COMMANDS(true),
    /** GET of tasks and task history, served from projections. */
    TASK_QUERIES(true),
    /** The audit trail, chain verification and signed digests. */
    AUDIT_QUERIES(true),
    /** The analytics summary, served from the analytics projection. */
    ANALYTICS_QUERIES(true),
    /** Webhook subscriptions, their deliveries and redrive, and the tenant's notification settings. */
    INTEGRATIONS(true),
    /** Health check. */
    HEALTH(true),
    /** The OpenAPI document. */
    OPENAPI(true),
    /** JWKS: the dev-token key locally (the ledger's digest key joins it with the auditors issue). */
    JWKS(true),
    /** Downloads of export bundles through signed, expiring URLs: local mode only (S3 presigned URLs in AWS). */
    EXPORT_DOWNLOADS(false),
    /** The local notification outbox: local mode only (notifications go by e-mail or Slack in AWS). */
    DEV_OUTBOX(false),
    /** The process's metrics (what CloudWatch gets as EMF in AWS): local mode only. */
    DEV_METRICS(false),
    /** Dev tokens: local mode only, never deployed. */
    DEV_TOKENS(false);

    private final boolean deployedToAws;

    FunctionName(boolean deployedToAws) {
        this.deployedToAws = deployedToAws;
    }

    public boolean deployedToAws() {
        return deployedToAws;
    }
}
