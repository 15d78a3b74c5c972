package dev.taskledger.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions pack finds nothing unsuppressed (suppressions carry their reasons in the code). */
class CdkNagTest {
    static String describe(List<SynthesisMessage> messages) {
        return String.join(
                "\n",
                messages.stream()
                        .map(m -> m.getId() + ": " + m.getEntry().getData())
                        .toList());
    }

    @Test
    void aws_solutions_reports_no_unsuppressed_error() {
        List<SynthesisMessage> errors = Synth.ANNOTATIONS.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).as(describe(errors)).isEmpty();
    }

    @Test
    void aws_solutions_reports_no_unsuppressed_warning() {
        List<SynthesisMessage> warnings = Synth.ANNOTATIONS.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(warnings).as(describe(warnings)).isEmpty();
    }

    @Test
    void the_template_has_the_whole_system() {
        Map<String, Map<String, Object>> functions = Synth.TEMPLATE.findResources("AWS::Lambda::Function");
        assertThat(functions).hasSizeGreaterThanOrEqualTo(13);
    }
}
