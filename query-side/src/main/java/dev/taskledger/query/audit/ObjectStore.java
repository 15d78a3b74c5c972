package dev.taskledger.query.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;

/** Where export bundles go: S3 in AWS, a directory of the data directory locally. */
public interface ObjectStore {
    /** Streams an object in: {@code writer} writes its bytes; nothing is visible until it returns. */
    void put(String key, Writer writer) throws IOException;

    /** Deletes an object (an expired export); nothing when it is not there. */
    void delete(String key) throws IOException;

    /** A URL that downloads the object without a bearer token until {@code ttl} has passed. */
    URI presignedGet(String key, Duration ttl);

    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }
}
