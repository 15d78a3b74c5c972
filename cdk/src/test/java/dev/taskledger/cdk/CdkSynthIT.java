package dev.taskledger.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build ran the pinned CDK CLI ({@code cdk synth}, offline, cdk-nag failing it on any error) before this test:
 * the cloud assembly is there, with the template and the four Lambda jars as assets.
 */
class CdkSynthIT {
    @Test
    void the_cli_synthesized_the_stack_with_its_jar_assets() throws Exception {
        Path out = Path.of("target/cdk.out");
        JsonNode template = EventCodec.MAPPER.readTree(
                out.resolve("TaskLedger.template.json").toFile());
        assertThat(template.get("Resources").size()).isGreaterThan(100);
        // the assets this synthesis names (cdk.out keeps older runs' files beside them)
        JsonNode assets =
                EventCodec.MAPPER.readTree(out.resolve("TaskLedger.assets.json").toFile());
        long jars = 0;
        for (JsonNode asset : assets.get("files")) {
            String path = asset.at("/source/path").asText();
            if (path.endsWith(".jar")) {
                assertThat(out.resolve(path)).isRegularFile();
                jars++;
            }
        }
        assertThat(jars).isEqualTo(4);
        String nagReport = Files.readString(out.resolve("AwsSolutions-TaskLedger-NagReport.csv"));
        assertThat(nagReport.lines().skip(1).filter(l -> l.contains("\"Non-Compliant\"")))
                .as("unsuppressed cdk-nag findings")
                .isEmpty();
    }
}
