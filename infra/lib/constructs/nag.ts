// cdk-nag findings carry CloudFormation logical ids (e.g. IAM5[Resource::<ApiReadLogs6B2219D4.Arn>:*]);
// these helpers build those ids from the constructs, so an acknowledgement names exactly one grant.
import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function logicalId(construct: IConstruct): string {
  const stack = Stack.of(construct);
  return stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
}

/** The IAM5 finding id for a wildcard resource `<Resource.Arn>suffix`. */
export const wildcardArn = (construct: IConstruct, suffix: string) => `AwsSolutions-IAM5[Resource::<${logicalId(construct)}.Arn>${suffix}]`;
