package dev.taskledger.http;

/** Every problem type the API answers with: slug (the end of the type URI), status and title. */
public enum ProblemType {
    MALFORMED_BODY("malformed-body", 400, "Malformed request body"),
    VALIDATION("validation", 400, "Invalid request"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    IDEMPOTENCY_IN_PROGRESS("idempotency-in-progress", 409, "A request with this idempotency key is in progress"),
    VERSION_MISMATCH("version-mismatch", 412, "Version mismatch"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    MISDIRECTED_REQUEST("misdirected-request", 421, "Misdirected request"),
    IDEMPOTENCY_KEY_REUSE("idempotency-key-reuse", 422, "Idempotency key reused for a different request"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    INTERNAL("internal", 500, "Internal error"),
    PROJECTION_LAG("projection-lag", 503, "Projection has not caught up"),
    UNAVAILABLE("unavailable", 503, "Service unavailable");

    public static final String BASE = "https://taskledger.dev/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return BASE + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
