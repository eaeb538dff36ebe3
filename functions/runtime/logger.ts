// The one logger of every function: Powertools for AWS Lambda's structured JSON, with the request id,
// the route and the caller's scope on each line of a request (never a phone number or a token).
// In AWS the level is Lambda's own (the JSON log format's application level), which Powertools
// follows; POWERTOOLS_DEV=true, set before start-up, prints each line indented on one machine.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'gx-response-teams' });
