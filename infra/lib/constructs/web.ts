// The React app: a private S3 bucket behind CloudFront (origin access control, HTTPS only, security
// headers), deployed with the API URL and Cognito ids in a runtime config.json.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  Distribution, HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy, ViewerProtocolPolicy,
  type IDistribution,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { resolve } from 'node:path';
import { wildcardArn } from './nag.js';

export const WEB_DIST = resolve(import.meta.dirname, '../../../frontend/dist');

export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly url: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL, enforceSSL: true, encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.OBJECT_WRITER, lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true,
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself.' });
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL, enforceSSL: true, encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'site/', removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true,
    });
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        contentSecurityPolicy: {
          // The API and Cognito live on other origins: connect-src allows them; nothing else loads from outside.
          contentSecurityPolicy: "default-src 'self'; connect-src 'self' https://*.execute-api.amazonaws.com https://*.amazoncognito.com; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-src 'self'; frame-ancestors 'none'; object-src 'none'",
          override: true,
        },
      },
    });
    this.distribution = new Distribution(this, 'Cdn', {
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      defaultRootObject: 'index.html',
      enableLogging: true, logBucket: logs, logFilePrefix: 'cdn/',
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Counties across one province sign in; geo restriction would add nothing the user pool does not.' },
      { id: 'AwsSolutions-CFR2', reason: 'WAF is priced per web ACL and request; the app is static and the API has its own throttling. Add when traffic warrants.' },
      { id: 'AwsSolutions-CFR4', reason: 'The default *.cloudfront.net certificate allows TLSv1; a custom domain with its own certificate sets TLSv1.2_2021.' },
    );
    this.url = `https://${this.distribution.distributionDomainName}`;
  }

  /** Ships the built app (frontend/dist unless `dist` says otherwise) and its runtime config. */
  deploy(config: Record<string, unknown>, dist = WEB_DIST, distribution: IDistribution = this.distribution): BucketDeployment {
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(dist), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
    });
    // The copy runs in a Lambda the CDK itself defines and maintains (a singleton at stack level).
    const handler = Stack.of(this).node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      const copy = 'CDK BucketDeployment copies from the CDK asset bucket into the site bucket and invalidates CloudFront; the grants are the construct\'s own.';
      Validations.of(handler).acknowledge(
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: 'CDK BucketDeployment\'s own handler role.' },
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a) => ({ id: `AwsSolutions-IAM5[Action::${a}]`, reason: copy })),
        { id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', reason: copy },
        { id: wildcardArn(this.bucket, '/*'), reason: copy },
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'CloudFront CreateInvalidation has no resource-level permission.' },
        { id: 'AwsSolutions-L1', reason: 'CDK BucketDeployment picks its handler\'s runtime; it updates with aws-cdk-lib.' },
      );
    }
    return deployment;
  }
}
