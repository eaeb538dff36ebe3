// The tracker's metrics as CloudWatch Embedded Metric Format, for every function (the audit exporter
// included, which needs nothing else of the composition root).
import { realNow } from '#app/clock.js';
import type { Metrics } from '#app/deps.js';

/** The namespace of the tracker's own metrics (infra's alarms name the same; a test compares them). */
export const METRICS_NAMESPACE = 'GxResponseTeams';

/**
 * Metrics as CloudWatch Embedded Metric Format lines: CloudWatch turns each into a metric, so an
 * alarm can watch it; locally they are just log lines. Written to stdout itself, not through
 * console.log: with the functions' JSON log format Lambda wraps a console line in a "message"
 * string, and CloudWatch would see no metric.
 */
export const emfMetrics: Metrics = {
  count(name, value, dimensions = {}) {
    // npm start sets EMF_METRICS=off (unless LOG_LEVEL=debug): a developer's console, not CloudWatch.
    if (process.env.EMF_METRICS === 'off') return;
    process.stdout.write(
      `${JSON.stringify({
        // Published as the total and, with a dimension, by it too.
        _aws: {
          Timestamp: realNow(),
          CloudWatchMetrics: [
            {
              Namespace: METRICS_NAMESPACE,
              Dimensions: Object.keys(dimensions).length ? [[], Object.keys(dimensions)] : [[]],
              Metrics: [{ Name: name, Unit: 'Count' }],
            },
          ],
        },
        ...dimensions,
        [name]: value,
      })}\n`,
    );
  },
};
