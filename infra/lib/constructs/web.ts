// The React app: a private S3 bucket behind CloudFront (origin access control, HTTPS only, security
// headers), deployed with the API URL and Cognito ids in a runtime config.json.
import type { RuntimeConfig } from '#contract/config.js';
import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  type CfnDistribution,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type IDistribution,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { resolve } from 'node:path';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { wildcardArn } from './nag.js';
import type { LogSettings } from './tracker-function.js';

/** An account or region as cdk-nag writes it in a finding: the literal when pinned, else the pseudo parameter. */
const envPart = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);

export const WEB_DIST = resolve(import.meta.dirname, '../../../frontend/dist');

export class Web extends Construct {
  readonly bucket: Bucket;
  /** Server access logs of the site bucket, CloudFront's logs, and the audit bucket's. */
  readonly accessLogs: Bucket;
  readonly distribution: Distribution;
  readonly url: string;

  private readonly headers: ResponseHeadersPolicy;

  /** `webAclArn`: the CloudFront web ACL (from the us-east-1 edge stack), when the stack is pinned to a region. */
  /**
   * `china`: the China regions — origin access identity (there is no origin access control), the
   * ICP-registered domain with its IAM server certificate (CloudFront in China takes no ACM one;
   * set at the L1 level), no web ACL (WAF there is regional only), and the identity provider's origin
   * in the CSP instead of Cognito's.
   */
  constructor(
    scope: Construct,
    id: string,
    props: {
      webAclArn?: string;
      logRetentionDays: number;
      china?: { domain: string; iamServerCertificateId: string; identityOrigin: string };
    },
  ) {
    super(scope, id);
    const logs = (this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // Kept as long as the other logs, and kept when the stack is deleted.
      // Versioned, so a log overwritten or deleted keeps its earlier version for the same retention.
      versioned: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [
        { expiration: Duration.days(props.logRetentionDays), noncurrentVersionExpiration: Duration.days(props.logRetentionDays) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself.' });
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
      // A deploy replaces the app: the versions it replaced stay 30 days, to roll back by hand.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });
    const headers = (this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        contentSecurityPolicy: {
          // The API is on this origin (/api/*); Cognito's token endpoint is on another: connect-src allows it, nothing else loads from outside.
          contentSecurityPolicy: `default-src 'self'; connect-src 'self' ${props.china ? props.china.identityOrigin : 'https://*.amazoncognito.com'}; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'${props.china ? ` ${props.china.identityOrigin}` : ' https://*.amazoncognito.com'}`,
          override: true,
        },
      },
    }));
    this.distribution = new Distribution(this, 'Cdn', {
      defaultBehavior: {
        origin: props.china ? S3BucketOrigin.withOriginAccessIdentity(this.bucket) : S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cdn/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Counties across one province sign in; geo restriction would add nothing the sign-in does not.',
    });
    if (props.china) {
      // CloudFront in China serves nothing on its default *.cloudfront.cn domain: the ICP domain, with an IAM server certificate, TLS 1.2 at least.
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [props.china.domain]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: props.china.iamServerCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
      Validations.of(this.distribution).acknowledge(
        {
          id: 'AwsSolutions-CFR2',
          reason:
            "In the China regions WAF is regional only (no CloudFront web ACL): the API stage's throttles (stage-wide and per expensive route, not per client) are what limits the rate.",
        },
        {
          id: 'AwsSolutions-CFR4',
          reason: 'The certificate is set at the L1 level (IAM server certificate, TLSv1.2_2021), which cdk-nag does not read.',
        },
        {
          id: 'AwsSolutions-CFR7',
          reason: 'Origin access control is not offered in the China regions; the bucket is reached through an origin access identity.',
        },
      );
    } else {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'The default *.cloudfront.net certificate allows TLSv1; a custom domain with its own certificate sets TLSv1.2_2021.',
      });
    }
    if (!props.webAclArn && !props.china) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          "An environment-agnostic synth has no web ACL: CloudFront's must live in us-east-1, so it comes with -c account=… -c region=… (the edge stack). The API's per-route throttles still hold.",
      });
    }
    this.url = `https://${props.china?.domain ?? this.distribution.distributionDomainName}`;
  }

  /**
   * Puts the API behind this distribution at /api/*: same origin as the app (no CORS), behind the
   * same web ACL, never cached, every viewer header but Host passed on (the bearer token included).
   */
  routeApi(originDomain: string): void {
    this.distribution.addBehavior('/api/*', new HttpOrigin(originDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }), {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.headers,
    });
  }

  /** Ships the built app (frontend/dist unless `dist` says otherwise, source maps left out) and its runtime config. */
  deploy(config: RuntimeConfig, logs: LogSettings, dist = WEB_DIST, distribution: IDistribution = this.distribution): BucketDeployment {
    const deployment = new BucketDeployment(this, 'Deploy', {
      // The copy's own function logs where every other does: kept, under the logs key.
      logGroup: new LogGroup(this, 'DeployLogs', {
        retention: logs.retentionDays as RetentionDays,
        encryptionKey: logs.key,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      // Source maps stay on the build machine: the public site never shows the unminified code.
      sources: [Source.asset(dist, { exclude: ['**/*.map'] }), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
    });
    // The copy runs in a Lambda the CDK itself defines and maintains (a singleton at stack level).
    const handler = Stack.of(this).node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      const copy =
        "CDK BucketDeployment copies from the CDK asset bucket into the site bucket and invalidates CloudFront; the grants are the construct's own.";
      Validations.of(handler).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK BucketDeployment's own handler role.",
        },
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a) => ({
          id: `AwsSolutions-IAM5[Action::${a}]`,
          reason: copy,
        })),
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${envPart(Stack.of(this).account, 'AccountId')}-${envPart(Stack.of(this).region, 'Region')}/*]`,
          reason: copy,
        },
        { id: wildcardArn(this.bucket, '/*'), reason: copy },
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'CloudFront CreateInvalidation has no resource-level permission.' },
        { id: 'AwsSolutions-L1', reason: "CDK BucketDeployment picks its handler's runtime; it updates with aws-cdk-lib." },
      );
    }
    return deployment;
  }
}
