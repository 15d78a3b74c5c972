package dev.taskledger.cdk;

/**
 * One Lambda function: its construct id, the function module whose Lambda jar it runs, its handler class, its
 * memory, and whether it does long CPU-bound work (verify, rebuild, export) and so runs with the JIT's full tiers
 * instead of Lambda's start-up-friendly {@code -XX:TieredStopAtLevel=1}.
 */
public record FunctionSpec(String id, String module, String handler, int memoryMb, int timeoutSeconds, boolean heavy) {
    /** Lambda's own default is C1 only; the heavy functions override it through JAVA_TOOL_OPTIONS. */
    public static final String FULL_JIT = "-XX:+TieredCompilation -XX:TieredStopAtLevel=4";
}
