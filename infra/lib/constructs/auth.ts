// Sign-in: a Cognito user pool with admin-created users only; the scope is an admin-managed group
// (province, city-4501, county-450102), never an attribute a user could write.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { Firewall } from './firewall.js';
import areas from '#data/registry/areas.json' with { type: 'json' };
import { NATION_GROUP, rootGroup } from '#core/groups.js';

/** The API as a Cognito resource server: its one scope, which access tokens for it carry and ID tokens never do. */
export const API_RESOURCE_SERVER = 'gx-teams';
export const API_SCOPE = `${API_RESOURCE_SERVER}/api`;

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(
    scope: Construct,
    id: string,
    props: { stage: string; callbackUrls: string[]; threatProtection: boolean; perIpLimit: number; programmes: readonly string[] },
  ) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      // Every account reads or writes leaders' personal data: a second factor (an authenticator app, TOTP) for all.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: props.threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(props.threatProtection ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!props.threatProtection) {
      Validations.of(this.userPool).acknowledge(
        {
          id: 'AwsSolutions-COG3',
          reason:
            'Threat protection needs the Plus plan (about USD 0.02 per active user a month); it is on for stage prod, off for dev and test stacks unless -c threatProtection=true.',
        },
        { id: 'AwsSolutions-COG8', reason: 'Same as COG3: the Plus plan is on for stage prod; dev and test stacks use Essentials.' },
      );
    }
    // A rate limit per IP on the sign-in endpoints (the hosted UI and the token endpoint).
    const firewall = new Firewall(this, 'Firewall', {
      scope: 'REGIONAL',
      name: `gx-teams-${props.stage}-signin`,
      perIpLimit: props.perIpLimit,
    });
    new CfnWebACLAssociation(this, 'FirewallAssociation', { resourceArn: this.userPool.userPoolArn, webAclArn: firewall.webAcl.attrArn });
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `gx-teams-${props.stage}-${Stack.of(this).account}` },
    });
    const apiScope = new ResourceServerScope({ scopeName: 'api', scopeDescription: 'The tracker API' });
    const api = this.userPool.addResourceServer('Api', { identifier: API_RESOURCE_SERVER, scopes: [apiScope] });
    this.client = this.userPool.addClient('Web', {
      generateSecret: false,
      authFlows: {}, // the hosted UI's authorization code flow only
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, OAuthScope.resourceServer(api, apiScope)],
        callbackUrls: props.callbackUrls,
        logoutUrls: props.callbackUrls,
      },
      // An hour, renewed by the app with the refresh token (itself a working day): a token copied from a shared PC soon dies.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(10),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    // One group per scope: each programme's root office (Guangxi alone: province, 14 cities, 111 counties), the
    // offices of the committed area list inside a programme, and the national office above several programmes.
    const several = props.programmes.length > 1;
    const inside = (code: string) => props.programmes.some((p) => code.startsWith(p) && p !== code);
    const groups = [
      ...(several ? [{ name: NATION_GROUP, description: '应急管理部' }] : []),
      ...props.programmes.map((p) => ({ name: rootGroup(p, several), description: `${p} 主管单位` })),
      ...areas.cities.filter(([code]) => inside(code)).map(([code, name]) => ({ name: `city-${code}`, description: name })),
      ...areas.counties.filter(([code]) => inside(code)).map(([code, name]) => ({ name: `county-${code}`, description: name })),
    ];
    for (const g of groups)
      new CfnUserPoolGroup(this, `Group-${g.name}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: g.name,
        description: g.description,
      });
  }
}
