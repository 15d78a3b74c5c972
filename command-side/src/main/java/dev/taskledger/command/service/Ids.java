package dev.taskledger.command.service;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/** Time-ordered UUIDs (version 7) for task and event ids: URL-safe, 36 characters, sortable by creation. */
public final class Ids {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {}

    public static String newId() {
        return GENERATOR.generate().toString();
    }
}
