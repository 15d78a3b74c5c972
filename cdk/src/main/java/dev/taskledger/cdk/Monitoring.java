package dev.taskledger.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * Alarms on one SNS topic — any dead-letter queue holding a message, any function error or throttle, the stream
 * bridge's iterator age over a minute, any API 5xx — and a dashboard of the API, the functions, the stream, the
 * dead letters and the functions' own metrics (Embedded Metric Format, namespace {@value #NAMESPACE}).
 */
final class Monitoring {
    static final String NAMESPACE = dev.taskledger.http.observe.Telemetry.NAMESPACE;

    final Topic topic;
    final List<Alarm> alarms = new ArrayList<>();

    Monitoring(
            Construct scope,
            Key key,
            HttpApi api,
            List<Functions.Deployed> functions,
            Functions.Deployed bridge,
            List<Queue> deadLetterQueues) {
        topic = Topic.Builder.create(scope, "Alarms")
                .displayName("TaskLedger alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        SnsAction notify = new SnsAction(topic);
        for (Queue queue : deadLetterQueues) {
            alarm(
                    scope,
                    queue.getNode().getId() + "Depth",
                    queue.metricApproximateNumberOfMessagesVisible(),
                    0,
                    notify);
        }
        for (Functions.Deployed f : functions) {
            String id = f.function().getNode().getId();
            alarm(scope, id + "Errors", f.function().metricErrors(), 0, notify);
            alarm(scope, id + "Throttles", f.function().metricThrottles(), 0, notify);
        }
        Metric iteratorAge = bridge.function()
                .metric(
                        "IteratorAge",
                        MetricOptions.builder().statistic("Maximum").build());
        alarm(scope, "StreamIteratorAge", iteratorAge, 60_000, notify);
        alarm(scope, "Api5xx", api.metricServerError(), 0, notify);

        Dashboard dashboard = Dashboard.Builder.create(scope, "Dashboard").build();
        dashboard.addWidgets(
                graph(
                        "API requests, 4xx, 5xx",
                        List.of(api.metricCount(), api.metricClientError(), api.metricServerError())),
                graph("API latency", List.of(api.metricLatency())),
                graph("Stream iterator age (ms)", List.of(iteratorAge)));
        dashboard.addWidgets(
                graph(
                        "Function errors",
                        functions.stream()
                                .map(f -> (IMetric) f.function().metricErrors())
                                .toList()),
                graph(
                        "Function duration",
                        functions.stream()
                                .map(f -> (IMetric) f.function().metricDuration())
                                .toList()),
                graph(
                        "Dead letters waiting",
                        deadLetterQueues.stream()
                                .map(q -> (IMetric) q.metricApproximateNumberOfMessagesVisible())
                                .toList()));
        dashboard.addWidgets(
                graph("Commands by outcome", List.of(search("Commands", "outcome", "Sum"))),
                graph("Rejections by problem type", List.of(search("Rejections", "problem", "Sum"))),
                graph("Projection lag, max (ms)", List.of(search("ProjectionLagMs", "projector", "Maximum"))),
                graph(
                        "Dead letters and verify results",
                        List.of(search("DeadLetters", "target", "Sum"), search("VerifyResults", "status", "Sum"))));
    }

    private void alarm(Construct scope, String id, Metric metric, double threshold, SnsAction action) {
        Alarm alarm = metric.createAlarm(
                scope,
                id + "Alarm",
                CreateAlarmOptions.builder()
                        .threshold(threshold)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .evaluationPeriods(1)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build());
        alarm.addAlarmAction(action);
        alarms.add(alarm);
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).build();
    }

    /** Every series of one of the functions' EMF metrics, whatever the values of its dimension. */
    private static IMetric search(String metric, String dimension, String statistic) {
        return MathExpression.Builder.create()
                .expression("SEARCH('{" + NAMESPACE + "," + dimension + "} MetricName=\"" + metric + "\"', '"
                        + statistic + "', 60)")
                .usingMetrics(Map.of())
                .period(Duration.minutes(1))
                .build();
    }
}
