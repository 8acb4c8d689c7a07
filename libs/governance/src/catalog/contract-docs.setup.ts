import type { INestApplication } from '@nestjs/common';
import type { ContractRegistry } from '@o2c/contracts';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { contractLinks, majorOf } from './contract-links';
import { contractAccess } from './contract-access.policy';

/**
 * Runs in the browser before Swagger UI starts: keeps a token passed as
 * `#access_token=<token>` (a fragment never reaches the server or its logs) in the tab's session
 * storage, falls back to the token given in Swagger UI's Authorize dialog, and sends it to this
 * gateway only, including when the page loads an internal contract.
 */
const BROWSER_TOKEN_SCRIPT = `(function () {
  var KEY = 'o2c-docs-access-token';
  var match = /(?:^#|&)access_token=([^&]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  function token() {
    var kept = sessionStorage.getItem(KEY);
    if (kept) return kept;
    try {
      var authorized = JSON.parse(localStorage.getItem('authorized') || '{}');
      return authorized.bearer && authorized.bearer.value;
    } catch (error) {
      return undefined;
    }
  }
  var original = window.SwaggerUIBundle;
  window.SwaggerUIBundle = Object.assign(function (options) {
    options.requestInterceptor = function (request) {
      var url = new URL(request.url, window.location.href);
      var bearer = token();
      if (bearer && url.origin === window.location.origin && !request.headers.Authorization) {
        request.headers.Authorization = 'Bearer ' + bearer;
      }
      return request;
    };
    return original(options);
  }, original);
})();`;

/**
 * Swagger UI for every contract at /docs/<apiId>/v<major>, from the handwritten document (the
 * generated one has no response schemas). Public and partner documents are embedded in the
 * page; for an internal contract the page embeds only a placeholder and loads the contract
 * from /contracts/<apiId>/v<major>.json, which asks for a bearer token (ContractReaderGuard).
 * Nest's own -json / -yaml copies are off: /contracts/ serves the files under that rule.
 */
export function setupContractDocs(app: INestApplication, registry: ContractRegistry): void {
  for (const contract of registry.contracts) {
    const info = contract.document.info;
    const apiId = info['x-api-id'] ?? contract.file;
    const major = majorOf(info.version);
    const links = contractLinks(apiId, major);
    const document = contract.document as unknown as OpenAPIObject;
    const open = contractAccess(info['x-audience'] ?? 'internal', undefined) === 'open';
    const placeholder: OpenAPIObject = {
      openapi: document.openapi,
      info: { title: info.title, version: info.version },
      paths: {},
    };
    SwaggerModule.setup(links.docs.slice(1), app, document, {
      raw: false,
      customSiteTitle: `${info.title} v${info.version}`,
      customJsStr: BROWSER_TOKEN_SCRIPT,
      ...(open ? {} : { patchDocumentOnRequest: () => placeholder }),
      swaggerOptions: {
        persistAuthorization: true,
        displayOperationId: true,
        // An empty spec makes Swagger UI fetch `url` instead of the embedded document.
        ...(open ? {} : { url: links.contractJson, spec: {} }),
      },
    });
  }
}
