// The stack's configuration from CDK context (-c key=value), validated; every value has a default
// that synthesizes offline.
import type { App } from 'aws-cdk-lib';
import { z } from 'zod';

/** CloudWatch Logs' retention values of six months or more. */
export const LOG_RETENTION_VALUES = [180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const configSchema = z
  .object({
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,15}$/, 'stage: lower-case letters, digits, -')
      .default('dev'),
    /** Pin the stack to an account and region (both or neither); needed for the CloudFront web ACL, which lives in us-east-1. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'account: 12 digits')
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region: e.g. ap-east-1')
      .optional(),
    /** The verified SES identity the monthly summaries are sent from. */
    senderEmail: z.email().default('summary@example.com'),
    /** An extra origin allowed to call the API (the CloudFront origin is always allowed). */
    allowedOrigin: z.url().optional(),
    /**
     * The programmes this deployment runs, by their root areas' codes (a province, a city or a county;
     * none inside another), each one the shipped book has: the functions' PROGRAMMES.
     */
    programmes: z
      .string()
      .regex(/^(\d{2}|\d{4}|\d{6})(,(\d{2}|\d{4}|\d{6}))*$/, 'programmes: area codes separated by commas, e.g. 45,331181')
      .default('45'),
    /** With several programmes, the one a table from before the tenant keys held (the deploy's move puts its records under it). */
    legacyProgramme: z
      .string()
      .regex(/^(\d{2}|\d{4}|\d{6})$/, 'legacyProgramme: an area code, e.g. 45')
      .optional(),
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
    logRetentionDays: z.coerce
      .number()
      .int()
      .refine((d) => LOG_RETENTION_VALUES.includes(d), { message: `logRetentionDays: one of ${LOG_RETENTION_VALUES.join(', ')}` })
      .default(365),
    /** How long each record's copy in the audit bucket is locked (S3 Object Lock, compliance mode: it cannot be shortened), in days. */
    auditLockDays: z.coerce.number().int().min(180).default(1098),
    /** Reserved concurrency of the API's read and write functions (50 rps × 29 s could otherwise take ~1,450 from the account). */
    readConcurrency: z.coerce.number().int().min(1).default(50),
    writeConcurrency: z.coerce.number().int().min(1).default(20),
    // The China regions (cn-north-1, cn-northwest-1; partition aws-cn) have no Cognito and no SES: sign-in
    // through the province's own OpenID Connect provider, mail through a domestic SMTP relay, and an
    // ICP-registered domain with its certificate for the site and the API.
    /** The identity platform's issuer (its discovery document at {issuer}/.well-known/openid-configuration). */
    oidcIssuer: z.url().optional(),
    /** What the API accepts in the access token's aud (or client_id). */
    oidcAudience: z.string().min(1).optional(),
    /** The browser app's client id there (a public client with PKCE). */
    oidcClientId: z.string().min(1).optional(),
    /** The API's scope at the identity platform, which every access token for it carries (ID tokens carry none, so they are refused). */
    oidcScope: z
      .string()
      .regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/, 'oidcScope: one scope token')
      .optional(),
    /** The claim that carries the groups (province, city-4501, county-450102). */
    groupsClaim: z
      .string()
      .regex(/^[\w:.-]{1,64}$/, 'groupsClaim: a claim name')
      .optional(),
    /** The SMTP relay, smtp://user@host:port (the password and DKIM key go in the stack's SmtpSecret). */
    smtpUrl: z
      .string()
      .regex(/^smtps?:\/\/([^\s/:@]+@)?[^\s/:@]+(:\d+)?$/, 'smtpUrl: smtp://user@host:port (no password: it goes in the SmtpSecret)')
      .optional(),
    dkimDomain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'dkimDomain: a domain')
      .optional(),
    dkimSelector: z
      .string()
      .regex(/^[a-z0-9-]{1,63}$/, 'dkimSelector: a DNS label')
      .optional(),
    /** The site's ICP-registered domain and its IAM server certificate (CloudFront in China takes no ACM certificate). */
    domain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'domain: a host name')
      .optional(),
    iamServerCertificateId: z
      .string()
      .regex(/^[A-Z0-9]{10,32}$/, 'iamServerCertificateId: the id IAM gave the certificate')
      .optional(),
    /** The API's domain and a regional ACM certificate for it. */
    apiDomain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'apiDomain: a host name')
      .optional(),
    apiCertificateArn: z
      .string()
      .regex(/^arn:aws(-cn)?:acm:/, 'apiCertificateArn: an ACM certificate ARN')
      .optional(),
    /** Cognito threat protection (the Plus feature plan, priced per active user): on in prod unless set. */
    threatProtection: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()).optional(),
  })
  .refine((c) => Boolean(c.account) === Boolean(c.region), { message: 'account and region are set together, or neither' })
  // The China target names everything the global one takes from Cognito, SES and CloudFront's default domain.
  .superRefine((c, ctx) => {
    if (!isChina(c.region)) return;
    for (const key of CHINA_REQUIRED)
      if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key}: required for the China regions (${c.region})` });
    if (c.senderEmail === 'summary@example.com')
      ctx.addIssue({
        code: 'custom',
        path: ['senderEmail'],
        message: 'senderEmail: required for the China regions (the relay sends as this address)',
      });
  })
  // Alarms that reach no one are no alarms: a production stack names who gets them.
  .refine((c) => c.stage !== 'prod' || Boolean(c.alarmEmail), { message: "a prod stage needs -c alarmEmail=… (the alarms' subscriber)" })
  // The summaries go out from this address's domain: a production stack names a real one.
  .refine((c) => c.stage !== 'prod' || c.senderEmail !== 'summary@example.com', {
    message: "a prod stage needs -c senderEmail=… (the summaries' sender, on a domain you can verify)",
  });

export type TrackerConfig = z.infer<typeof configSchema>;

/** The China regions: partition aws-cn, URL suffix amazonaws.com.cn. */
export const isChina = (region?: string) => Boolean(region?.startsWith('cn-'));
const CHINA_REQUIRED = [
  'oidcIssuer',
  'oidcAudience',
  'oidcClientId',
  'oidcScope',
  'smtpUrl',
  'domain',
  'iamServerCertificateId',
  'apiDomain',
  'apiCertificateArn',
] as const;

export function configFromContext(app: App): TrackerConfig {
  const get = (key: string) => app.node.tryGetContext(key) ?? undefined;
  return configSchema.parse(Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, get(k)])));
}
