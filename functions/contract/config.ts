// The web app's runtime config (config.json), as the stack deploys it and the local server serves it:
// the API's base and the identity provider (Cognito in the global partition, any OpenID Connect issuer
// in the China regions, the local provider of npm start). The app reads it before it renders.

export interface Provider {
  issuer: string;
  clientId: string;
  /** The access token's claim that carries the groups (province, city-4501, county-450102). */
  groupsClaim: string;
  /** The scopes the app asks for. */
  scope?: string;
}

/** What every mode says: the programmes the deployment runs, by their areas (a city or county group that is one of them is its root office). */
export interface Deployment {
  programmes: string[];
}

export type RuntimeConfig = Deployment &
  (
    | ({ mode: 'local'; apiBase: string } & Partial<Provider>)
    | ({ mode: 'oidc'; apiBase: string } & Provider)
    /** Cognito: the app derives the issuer (the user pool's) and the groups claim (cognito:groups) when not given. */
    | ({ mode: 'cognito'; apiBase: string; region: string; userPoolId: string; authDomain: string; clientId: string } & Partial<Provider>)
  );
