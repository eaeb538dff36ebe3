// The house Lambda: newest Node.js runtime, arm64, esbuild-bundled and minified with source maps,
// JSON logs with a retention, and least-privilege table access granted by named action sets.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { resolve } from 'node:path';
import { wildcardArn } from './nag.js';

export const FUNCTIONS_DIR = resolve(import.meta.dirname, '../../../functions');

/** Table actions by need: reads are GetItem and Query; writes add PutItem and UpdateItem (TransactWriteItems is authorised per action). */
export const TABLE_ACCESS = {
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  readWrite: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
} as const;

export interface TrackerFunctionProps extends Omit<NodejsFunctionProps, 'entry' | 'runtime' | 'architecture'> {
  /** Entry file relative to functions/, e.g. 'api/read.ts'. */
  entry: string;
  table: ITable;
  access: keyof typeof TABLE_ACCESS;
  /** Secondary indexes the function queries, by name. */
  indexes?: string[];
  /** Days its logs are kept (retained on stack deletion). */
  logRetentionDays: number;
}

export class TrackerFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: TrackerFunctionProps) {
    const { entry, table, access, indexes = [], environment, logRetentionDays, ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: logRetentionDays as RetentionDays, removalPolicy: RemovalPolicy.RETAIN });
    // Its own role, not AWSLambdaBasicExecutionRole: logs go to this function's log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.logGroupArn}:*`] }));
    super(scope, id, {
      role,
      entry: resolve(FUNCTIONS_DIR, entry),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(29),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: { TABLE_NAME: table.tableName, NODE_OPTIONS: '--enable-source-maps', ...environment },
      bundling: {
        minify: true,
        sourceMap: true,
        format: OutputFormat.ESM,
        target: 'node24',
        // Measured (npm run bench:bundles): bundling the SDK v3 clients we use costs ~0.4 MB and
        // pins the version we test; the runtime's copy would drift under us. Bundled.
        externalModules: [],
        mainFields: ['module', 'main'],
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
      ...rest,
    });
    this.addToRolePolicy(new PolicyStatement({
      actions: [...TABLE_ACCESS[access]],
      resources: [table.tableArn, ...indexes.map((name) => `${table.tableArn}/index/${name}`)],
    }));
    Validations.of(role).acknowledge({
      id: wildcardArn(logGroup, ':*'),
      reason: 'Log stream names are made by Lambda at run time; the grant is limited to this function\'s own log group.',
    });
  }
}
