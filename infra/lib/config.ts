// The stack's configuration from CDK context (-c key=value), validated; every value has a default
// that synthesizes offline.
import type { App } from 'aws-cdk-lib';
import { z } from 'zod';

export const configSchema = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, 'stage: lower-case letters, digits, -').default('dev'),
  /** The verified SES identity the monthly summaries are sent from. */
  senderEmail: z.email().default('summary@example.com'),
  /** An extra origin allowed to call the API (the CloudFront origin is always allowed). */
  allowedOrigin: z.url().optional(),
  /** Where alarm notifications go; none subscribes when unset. */
  alarmEmail: z.email().optional(),
  /** API Gateway stage throttling, requests per second and burst. */
  apiRateLimit: z.coerce.number().int().positive().default(50),
  apiBurstLimit: z.coerce.number().int().positive().default(100),
});

export type TrackerConfig = z.infer<typeof configSchema>;

export function configFromContext(app: App): TrackerConfig {
  const get = (key: string) => app.node.tryGetContext(key) ?? undefined;
  return configSchema.parse(Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, get(k)])));
}
