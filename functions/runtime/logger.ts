// The one logger of every function: Powertools for AWS Lambda's structured JSON, with the request id,
// the route and the caller's scope on each line of a request (never a phone number or a token).
// Level from POWERTOOLS_LOG_LEVEL (or LOG_LEVEL), debug lines sampled by POWERTOOLS_LOGGER_SAMPLE_RATE;
// POWERTOOLS_DEV=true prints each line indented, for reading on one machine.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'gx-response-teams' });
