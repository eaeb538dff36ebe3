// The HTTP API: the route table of functions/api/routes.json, a Cognito JWT authorizer, CORS for the
// frontend's origin only, stage throttling and access logs.
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ApiMapping, DomainName, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Construct } from 'constructs';
import routes from '#api/routes.json' with { type: 'json' };
import { RETENTION_PARTITION_PREFIX } from './data.js';
import { TrackerFunction, type LogSettings } from './tracker-function.js';

export interface ApiProps {
  table: ITable;
  auditTable: ITable;
  dataKey: IKey;
  /** Who signs tokens, for whom, and which claim carries the groups: Cognito, or any OpenID Connect provider. */
  jwt: { issuer: string; audience: string[]; groupsClaim: string; requiredScope: string };
  /** Whether the public routes (health, the OpenAPI document) are open (not in China: an unauthenticated route needs an ICP filing). */
  publicRoutes: boolean;
  /** A custom domain with a regional ACM certificate (China: the execute-api domain is not served without ICP). */
  domain?: { name: string; certificateArn: string };
  /** Origins other than the app's own (the app calls the API on its own origin, through CloudFront). */
  allowedOrigins: string[];
  rateLimit: number;
  burstLimit: number;
  expensiveRateLimit: number;
  expensiveBurstLimit: number;
  logs: LogSettings;
  readConcurrency: number;
  writeConcurrency: number;
}

/** Routes the contract marks expensive (a spreadsheet parsed or written, a large upload, a whole area read): each gets its own, tighter limit. */
export const EXPENSIVE_ROUTES = (routes as { method: string; path: string; expensive?: boolean }[])
  .filter((r) => r.expensive)
  .map((r) => `${r.method} ${r.path}`);

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly functions: Record<'read' | 'write', TrackerFunction>;
  /** The host CloudFront forwards /api/* to: the custom domain, or the execute-api endpoint. */
  readonly originDomain: string;
  /** The custom domain's regional name, for its CNAME record. */
  readonly domainTarget?: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.functions = {
      // Read routes: dashboards, lists, exports, previews. No write action on the table but one: it keeps
      // each day's retention figures per county (functions/store/retention.ts), under their own partitions only.
      read: new TrackerFunction(this, 'Read', {
        entry: 'api/read.ts',
        table: props.table,
        access: 'read',
        cachePartitions: [`${RETENTION_PARTITION_PREFIX}*`],
        auditTable: props.auditTable,
        auditAccess: 'query',
        dataKey: props.dataKey,
        memorySize: 1024,
        logs: props.logs,
        reservedConcurrentExecutions: props.readConcurrency,
        environment: { GROUPS_CLAIM: props.jwt.groupsClaim },
      }),
      // Write routes: a team, an import (up to 5 MB, several transactions), recipients.
      write: new TrackerFunction(this, 'Write', {
        entry: 'api/write.ts',
        table: props.table,
        access: 'readWrite',
        auditTable: props.auditTable,
        auditAccess: 'append',
        dataKey: props.dataKey,
        memorySize: 1024,
        logs: props.logs,
        reservedConcurrentExecutions: props.writeConcurrency,
        environment: { GROUPS_CLAIM: props.jwt.groupsClaim },
      }),
    };
    const authorizer = new HttpJwtAuthorizer('Jwt', props.jwt.issuer, { jwtAudience: props.jwt.audience });
    this.httpApi = new HttpApi(this, 'Http', {
      description: 'Community response team tracker API',
      ...(props.allowedOrigins.length
        ? {
            corsPreflight: {
              allowOrigins: props.allowedOrigins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.PUT, CorsHttpMethod.POST],
              allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
              exposeHeaders: ['etag', 'content-disposition'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
      defaultAuthorizer: authorizer,
      createDefaultStage: true,
      // With its own domain (China) the execute-api endpoint is off: every call comes through CloudFront and the domain.
      disableExecuteApiEndpoint: Boolean(props.domain),
    });
    const integrations = {
      read: new HttpLambdaIntegration('ReadIntegration', this.functions.read),
      write: new HttpLambdaIntegration('WriteIntegration', this.functions.write),
    };
    for (const listed of routes as { method: keyof typeof HttpMethod; path: string; handler: 'read' | 'write'; auth: boolean }[]) {
      const route = props.publicRoutes ? listed : { ...listed, auth: true };
      const [added] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations[route.handler],
        // A scope the access token carries and an ID token does not: Cognito's ID token has the same aud, and must not pass.
        ...(route.auth ? { authorizationScopes: [props.jwt.requiredScope] } : { authorizer: new HttpNoneAuthorizer() }),
      });
      if (!route.auth)
        Validations.of(added).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.path} is public (the health check, the API's own document); it reads no data.`,
        });
    }
    if (props.domain) {
      const domain = new DomainName(this, 'Domain', {
        domainName: props.domain.name,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new ApiMapping(this, 'Mapping', { api: this.httpApi, domainName: domain, stage: this.httpApi.defaultStage! });
      this.domainTarget = domain.regionalDomainName;
    }
    this.originDomain = props.domain?.name ?? `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Aws.URL_SUFFIX}`;
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logs.retentionDays as RetentionDays,
      encryptionKey: props.logs.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = this.httpApi.defaultStage!.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = { throttlingRateLimit: props.rateLimit, throttlingBurstLimit: props.burstLimit };
    // One account's imports and exports cannot use up the stage's quota for everyone else.
    stage.routeSettings = Object.fromEntries(
      EXPENSIVE_ROUTES.map((key) => [
        key,
        { ThrottlingRateLimit: props.expensiveRateLimit, ThrottlingBurstLimit: props.expensiveBurstLimit },
      ]),
    );
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      // Who did what, when: never a token, a body or a query string (phones travel in bodies only).
      format: JSON.stringify({
        requestId: '$context.requestId',
        time: '$context.requestTime',
        ip: '$context.identity.sourceIp',
        userAgent: '$context.identity.userAgent',
        method: '$context.httpMethod',
        path: '$context.path',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
        sub: '$context.authorizer.claims.sub',
        scope: `$context.authorizer.claims.${props.jwt.groupsClaim}`,
      }),
    };
  }
}
