// Sign-in: a Cognito user pool with admin-created users only; the scope is an admin-managed group
// (province, city-4501, county-450102), never an attribute a user could write.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccountRecovery, CfnUserPoolGroup, FeaturePlan, Mfa, OAuthScope, UserPool, UserPoolClient, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import areas from '../../../data/registry/areas.json' with { type: 'json' };

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: { stage: string; callbackUrls: string[] }) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      { id: 'AwsSolutions-COG2', reason: 'MFA is optional: county clerks sign in from shared office PCs without phones issued; the province can require TOTP per user.' },
      { id: 'AwsSolutions-COG3', reason: 'Threat protection (Plus feature plan) is priced per user; admin-created accounts only, no self sign-up. Revisit when accounts pass a few hundred.' },
      { id: 'AwsSolutions-COG8', reason: 'Same as COG3: the Essentials plan; the Plus plan is priced per monthly active user.' },
    );
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: `gx-teams-${props.stage}-${Stack.of(this).account}` } });
    this.client = this.userPool.addClient('Web', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE], callbackUrls: props.callbackUrls, logoutUrls: props.callbackUrls },
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      preventUserExistenceErrors: true,
    });
    // One group per scope: 1 province, 14 cities, 111 counties.
    const groups = [
      { name: 'province', description: '自治区' },
      ...areas.cities.map(([code, name]) => ({ name: `city-${code}`, description: name })),
      ...areas.counties.map(([code, name]) => ({ name: `county-${code}`, description: name })),
    ];
    for (const g of groups) new CfnUserPoolGroup(this, `Group-${g.name}`, { userPoolId: this.userPool.userPoolId, groupName: g.name, description: g.description });
  }
}
