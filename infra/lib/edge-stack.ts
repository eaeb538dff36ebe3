// The CloudFront web ACL, which AWS requires in us-east-1 whatever region the tracker runs in; the
// tracker's stack reads its ARN through a cross-region reference.
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Firewall } from './constructs/firewall.js';

export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps & { stage: string; perIpLimit: number; expensivePerIpLimit: number }) {
    const { stage, perIpLimit, expensivePerIpLimit, ...stackProps } = props;
    super(scope, id, { description: '社区响应队 tracker: the CloudFront web ACL (us-east-1)', ...stackProps });
    this.webAclArn = new Firewall(this, 'Firewall', {
      scope: 'CLOUDFRONT',
      name: `gx-teams-${stage}-edge`,
      perIpLimit,
      expensivePerIpLimit,
    }).webAcl.attrArn;
  }
}
