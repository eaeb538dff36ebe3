// Builds the app's stack with cdk-nag's AWS Solutions checks; used by bin/app.ts and by the tests.
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configSchema, type TrackerConfig } from './config.js';
import { TrackerStack } from './tracker-stack.js';

/** `webDist` overrides the built frontend's folder (tests build into a folder of their own). */
export function createStack(app: App, config: Partial<TrackerConfig> = {}, options: { webDist?: string } = {}): TrackerStack {
  const valid = configSchema.parse(config);
  const stack = new TrackerStack(app, `GxResponseTeams-${valid.stage}`, valid, { webDist: options.webDist });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
