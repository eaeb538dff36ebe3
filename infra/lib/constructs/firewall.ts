// AWS WAF web ACLs: a rate limit per client IP (one account, or one script, cannot take everyone's
// quota), tighter on the expensive routes (imports, exports, templates), and AWS's managed rule
// groups for common exploits, known bad inputs and bad IP reputation. CLOUDFRONT scope protects the
// app and the API behind it (that web ACL must live in us-east-1); REGIONAL scope protects the
// Cognito user pool's sign-in.
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import routes from '#api/routes.json' with { type: 'json' };

export interface FirewallProps {
  scope: 'CLOUDFRONT' | 'REGIONAL';
  /** Requests per client IP in any 5 minutes, for all requests and for the expensive routes. */
  perIpLimit: number;
  expensivePerIpLimit?: number;
  name: string;
}

/**
 * What the firewall matches in a request's path for the routes the contract marks expensive: each
 * route's path after its last parameter (/imports, /template.xlsx), or the whole path when it has none
 * (/api/exports/counties.csv).
 */
export const EXPENSIVE_PATHS = [
  ...new Set(
    (routes as { path: string; expensive?: boolean }[]).filter((r) => r.expensive).map((r) => r.path.slice(r.path.lastIndexOf('}') + 1)),
  ),
];

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

export class Firewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    const managed = (name: string, priority: number): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      visibilityConfig: visibility(name),
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    });
    const rules: CfnWebACL.RuleProperty[] = [
      {
        name: 'RatePerIp',
        priority: 0,
        action: { block: {} },
        visibilityConfig: visibility('RatePerIp'),
        statement: { rateBasedStatement: { limit: props.perIpLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
      },
      ...(props.expensivePerIpLimit
        ? [
            {
              name: 'ExpensiveRatePerIp',
              priority: 1,
              action: { block: {} },
              visibilityConfig: visibility('ExpensiveRatePerIp'),
              statement: {
                rateBasedStatement: {
                  limit: props.expensivePerIpLimit,
                  aggregateKeyType: 'IP',
                  evaluationWindowSec: 300,
                  scopeDownStatement: {
                    orStatement: {
                      statements: EXPENSIVE_PATHS.map((path) => ({
                        byteMatchStatement: {
                          fieldToMatch: { uriPath: {} },
                          positionalConstraint: 'CONTAINS',
                          searchString: path,
                          textTransformations: [{ priority: 0, type: 'NONE' }],
                        },
                      })),
                    },
                  },
                },
              },
            } satisfies CfnWebACL.RuleProperty,
          ]
        : []),
      managed('AWSManagedRulesAmazonIpReputationList', 10),
      managed('AWSManagedRulesKnownBadInputsRuleSet', 11),
      // The common rule set blocks bodies over 8 KB; imports are uploads of up to 5 MB, so that one rule counts instead.
      {
        ...managed('AWSManagedRulesCommonRuleSet', 12),
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: 'AWSManagedRulesCommonRuleSet',
            ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
          },
        },
      },
    ];
    this.webAcl = new CfnWebACL(this, 'Acl', {
      scope: props.scope,
      name: props.name,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      rules,
    });
  }
}
