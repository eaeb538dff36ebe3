// `npx cdk synth|deploy`: the tracker's stack, configured by -c stage=… -c senderEmail=… -c allowedOrigin=…
import { App } from 'aws-cdk-lib';
import { configFromContext } from '../lib/config.js';
import { createStack } from '../lib/create-stack.js';

const app = new App();
createStack(app, configFromContext(app));
