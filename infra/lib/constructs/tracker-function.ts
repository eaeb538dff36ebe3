// The house Lambda: newest Node.js runtime, arm64, bundled by infra/lib/bundle.ts (esbuild, split into
// chunks loaded on first use), JSON logs with a retention, and least-privilege table access granted by
// named action sets.
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, type FunctionProps } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { resolve } from 'node:path';
import { bundleFunction } from '../bundle.js';
import { wildcardArn } from './nag.js';

export const FUNCTIONS_DIR = resolve(import.meta.dirname, '../../../functions');

/** Every handler the stack deploys, relative to functions/ (npm run build bundles the same). */
export const FUNCTION_ENTRIES = [
  'api/read.ts',
  'api/write.ts',
  'jobs/monthly-summary.ts',
  'jobs/lapse.ts',
  'jobs/reconcile.ts',
  'jobs/audit-export.ts',
  'jobs/migrate.ts',
] as const;

/**
 * Table actions by need: reads are GetItem and Query; writes add PutItem, UpdateItem and
 * ConditionCheckItem (TransactWriteItems is authorised per action: a ConditionCheck in one needs its own).
 */
export const TABLE_ACCESS = {
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  readWrite: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  /** The deploy-time move to the tenant keys only: it scans the table and deletes each item it has copied. */
  migrate: ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
} as const;

/**
 * The audit table is append-only: a function that writes teams, reveals or checks may add a record
 * (the code makes each Put conditional on a new key), one that shows or rebuilds history may read
 * it; none may change or delete one.
 */
export const AUDIT_ACCESS = { query: ['dynamodb:Query'], append: ['dynamodb:PutItem', 'dynamodb:Query'] } as const;

/** How every log group is kept: days (retained on stack deletion) and the customer-managed key. */
export interface LogSettings {
  retentionDays: number;
  key: IKey;
}

export interface TrackerFunctionProps extends Omit<FunctionProps, 'code' | 'handler' | 'runtime' | 'architecture'> {
  /** Entry file relative to functions/, e.g. 'api/read.ts'. */
  entry: (typeof FUNCTION_ENTRIES)[number];
  /** The table and what the function may do there (the audit exporter has no use for it). */
  table?: ITable;
  access?: keyof typeof TABLE_ACCESS;
  /** Secondary indexes the function queries, by name. */
  indexes?: string[];
  /** The append-only audit table, when the function reads the trail (query) or writes teams, reveals or checks (append). */
  auditTable?: ITable;
  auditAccess?: keyof typeof AUDIT_ACCESS;
  /** The tables' customer-managed key. */
  dataKey?: IKey;
  logs: LogSettings;
  /**
   * Partition keys (IAM patterns, e.g. 'RETENTION#*') under which a read function may still Put: a
   * cache of what it computes, never a record (the condition on dynamodb:LeadingKeys holds it there).
   */
  cachePartitions?: string[];
}

export class TrackerFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: TrackerFunctionProps) {
    const {
      entry,
      table,
      access = 'read',
      indexes = [],
      auditTable,
      auditAccess = 'query',
      dataKey,
      environment,
      logs,
      cachePartitions = [],
      ...rest
    } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: logs.retentionDays as RetentionDays,
      encryptionKey: logs.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role, not AWSLambdaBasicExecutionRole: logs go to this function's log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.logGroupArn}:*`] }),
    );
    super(scope, id, {
      role,
      code: bundled(entry),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(29),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: {
        ...(table ? { TABLE_NAME: table.tableName } : {}),
        ...(auditTable ? { AUDIT_TABLE_NAME: auditTable.tableName } : {}),
        NODE_OPTIONS: '--enable-source-maps',
        ...environment,
      },
      ...rest,
    });
    if (table) {
      this.addToRolePolicy(
        new PolicyStatement({
          actions: [...TABLE_ACCESS[access]],
          resources: [table.tableArn, ...indexes.map((name) => `${table.tableArn}/index/${name}`)],
        }),
      );
    }
    if (table && cachePartitions.length) {
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:PutItem'],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': cachePartitions } },
        }),
      );
    }
    if (auditTable)
      this.addToRolePolicy(new PolicyStatement({ actions: [...AUDIT_ACCESS[auditAccess]], resources: [auditTable.tableArn] }));
    // The tables are encrypted with the data key: reading (a stream included) needs Decrypt; writing (an audit record counts) Encrypt and a data key too.
    if (dataKey) {
      const writes =
        (Boolean(table) && (access !== 'read' || cachePartitions.length > 0)) || (Boolean(auditTable) && auditAccess === 'append');
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt', 'kms:DescribeKey', ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : [])],
          resources: [dataKey.keyArn],
        }),
      );
    }
    Validations.of(role).acknowledge({
      id: wildcardArn(logGroup, ':*'),
      reason: "Log stream names are made by Lambda at run time; the grant is limited to this function's own log group.",
    });
  }
}

/**
 * The function's code: bundled at synth on this machine by the one bundler (esbuild is a dev
 * dependency, so no container is ever needed; the image is only the fallback CDK's API requires),
 * and hashed by its output, so a change in node_modules redeploys as surely as one in functions/.
 */
function bundled(entry: string): Code {
  return Code.fromAsset(FUNCTIONS_DIR, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
      // CDK caches a staged asset by its source and bundling options (tryBundle is not part of the key):
      // the entry must be, or every function would get the first one's bundle.
      environment: { ENTRY: entry },
      local: {
        tryBundle: (outputDir) => {
          bundleFunction(resolve(FUNCTIONS_DIR, entry), outputDir);
          return true;
        },
      },
    },
  });
}
