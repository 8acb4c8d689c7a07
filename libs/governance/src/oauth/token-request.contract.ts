/** The token request of openapi/governance/oauth.v1.yaml, form-encoded or JSON. Unknown
 *  parameters are ignored (RFC 6749 section 3.2). */
export interface TokenRequestBody {
  grant_type?: string;
  scope?: string;
  client_id?: string;
  client_secret?: string;
}

/** RFC 6749 section 5.1. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}
