package dev.taskledger.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.taskledger.http.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM with only a function's Lambda jar (and Lambda's event serializer) on the class path, as the
 * Lambda runtime would: constructs the handler, deserializes the event, invokes it once, and prints
 * {@code COLDSTART <ms since JVM start> <ms of the first invocation>}. With {@code primed}, it first runs the
 * function's SnapStart primers and reports the first real invocation after them.
 *
 * <p>args: handler class, event class (or {@code stream}), event file, {@code cold} | {@code primed}
 */
public final class ColdStartProbe {
    private ColdStartProbe() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ClassLoader loader = ColdStartProbe.class.getClassLoader();
        Object handler = Class.forName(args[0]).getDeclaredConstructor().newInstance();
        byte[] event = Files.readAllBytes(Path.of(args[2]));
        if (args[3].equals("primed")) {
            Priming.primeAll();
        }
        long invoke = System.currentTimeMillis();
        String answer;
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event), out, null);
            answer = out.toString(StandardCharsets.UTF_8);
        } else {
            Class<?> type = Class.forName(args[1]);
            Object input = LambdaEventSerializers.serializerFor(type, loader).fromJson(new ByteArrayInputStream(event));
            Object response = ((RequestHandler) handler).handleRequest(input, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (response != null) {
                ((com.amazonaws.services.lambda.runtime.serialization.PojoSerializer)
                                LambdaEventSerializers.serializerFor(response.getClass(), loader))
                        .toJson(response, out);
            }
            answer = out.toString(StandardCharsets.UTF_8);
        }
        long done = System.currentTimeMillis();
        System.out.println("COLDSTART " + (done - jvmStart) + " " + (done - invoke));
        System.out.println(
                "ANSWER " + answer.substring(0, Math.min(300, answer.length())).replace('\n', ' '));
    }
}
