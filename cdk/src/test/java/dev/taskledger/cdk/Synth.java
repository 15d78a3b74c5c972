package dev.taskledger.cdk;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/** One synthesis shared by the tests (jsii makes each one take seconds). */
final class Synth {
    static final App APP = new App();
    static final TaskLedgerStack STACK = TaskLedgerApp.build(APP, Path.of(".."));
    static final Template TEMPLATE = Template.fromStack(STACK);
    static final Annotations ANNOTATIONS = Annotations.fromStack(STACK);

    private Synth() {}
}
