// The stack's configuration from CDK context (-c key=value), validated; every value has a default
// that synthesizes offline.
import type { App } from 'aws-cdk-lib';
import { z } from 'zod';

/** CloudWatch Logs' retention values of six months or more. */
export const LOG_RETENTION_VALUES = [180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const configSchema = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, 'stage: lower-case letters, digits, -').default('dev'),
  /** Pin the stack to an account and region (both or neither); needed for the CloudFront web ACL, which lives in us-east-1. */
  account: z.string().regex(/^\d{12}$/, 'account: 12 digits').optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region: e.g. ap-east-1').optional(),
  /** The verified SES identity the monthly summaries are sent from. */
  senderEmail: z.email().default('summary@example.com'),
  /** An extra origin allowed to call the API (the CloudFront origin is always allowed). */
  allowedOrigin: z.url().optional(),
  /** Where alarm notifications go; none subscribes when unset. */
  alarmEmail: z.email().optional(),
  /** API Gateway stage throttling, requests per second and burst. */
  apiRateLimit: z.coerce.number().int().positive().default(50),
  apiBurstLimit: z.coerce.number().int().positive().default(100),
  /** Tighter per-route limits on the expensive routes (imports, exports, templates), requests per second. */
  expensiveRateLimit: z.coerce.number().int().positive().default(5),
  expensiveBurstLimit: z.coerce.number().int().positive().default(10),
  /** AWS WAF: requests per client IP in 5 minutes, in all and on the expensive routes. */
  wafPerIpLimit: z.coerce.number().int().min(10).default(1500),
  wafExpensivePerIpLimit: z.coerce.number().int().min(10).default(100),
  /**
   * How long logs are kept (Lambda, API access, S3/CloudFront), in days: 网络安全法 Art. 21 asks six
   * months at least; one of CloudWatch's retention values. Kept on `cdk destroy` (RETAIN).
   */
  logRetentionDays: z.coerce.number().int().refine((d) => LOG_RETENTION_VALUES.includes(d), { message: `logRetentionDays: one of ${LOG_RETENTION_VALUES.join(', ')}` }).default(365),
  /** Reserved concurrency of the API's read and write functions (50 rps × 29 s could otherwise take ~1,450 from the account). */
  readConcurrency: z.coerce.number().int().min(1).default(50),
  writeConcurrency: z.coerce.number().int().min(1).default(20),
  /** Cognito threat protection (the Plus feature plan, priced per active user): on in prod unless set. */
  threatProtection: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()).optional(),
}).refine((c) => Boolean(c.account) === Boolean(c.region), { message: 'account and region are set together, or neither' })
  // Alarms that reach no one are no alarms: a production stack names who gets them.
  .refine((c) => c.stage !== 'prod' || Boolean(c.alarmEmail), { message: 'a prod stage needs -c alarmEmail=… (the alarms\' subscriber)' });


export type TrackerConfig = z.infer<typeof configSchema>;

export function configFromContext(app: App): TrackerConfig {
  const get = (key: string) => app.node.tryGetContext(key) ?? undefined;
  return configSchema.parse(Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, get(k)])));
}
