import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../../errors";

// Swagger UI renders the document; its files are served from node_modules by
// this API itself, so the page works without any CDN (or internet at all).
const swaggerUiDir = path.join(process.cwd(), "node_modules", "swagger-ui-dist");
const assetBase = "/api/v1/docs/assets";

// Our own start-up script: a file rather than an inline script, so the CSP needs no 'unsafe-inline'.
const initScript = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    withCredentials: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
`;

const pageStyle = `body { margin: 0; background: #fff; }
.swagger-ui .information-container { padding-top: 1rem; }
`;

const assets = {
  "swagger-ui.css": { type: "text/css; charset=utf-8", file: "swagger-ui.css" },
  "swagger-ui-bundle.js": { type: "text/javascript; charset=utf-8", file: "swagger-ui-bundle.js" },
  "docs.js": { type: "text/javascript; charset=utf-8", text: initScript },
  "docs.css": { type: "text/css; charset=utf-8", text: pageStyle },
} satisfies Record<string, { type: string; file?: string; text?: string }>;

type AssetName = keyof typeof assets;
export const docsAssetNames = Object.keys(assets) as [AssetName, ...AssetName[]];

/**
 * The page may load only its own scripts and styles, fetch only this origin
 * (the document, and "Try it out" calls), and show data: images (the icons
 * Swagger UI's stylesheet embeds). React sets element styles through the DOM,
 * which style-src does not govern.
 */
export const docsContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const pageHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Tessera REST API</title>
    <link rel="stylesheet" href="${assetBase}/swagger-ui.css">
    <link rel="stylesheet" href="${assetBase}/docs.css">
  </head>
  <body>
    <noscript>This page needs JavaScript; the document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</noscript>
    <div id="swagger-ui"></div>
    <script src="${assetBase}/swagger-ui-bundle.js"></script>
    <script src="${assetBase}/docs.js"></script>
  </body>
</html>
`;

const securityHeaders = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
};

/** GET /api/v1/docs: the OpenAPI document rendered by Swagger UI. */
export function docsPage(): Response {
  return new Response(pageHtml, {
    headers: {
      ...securityHeaders,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": docsContentSecurityPolicy,
      "x-frame-options": "DENY",
      "cache-control": "no-cache",
    },
  });
}

const loaded = new Map<AssetName, Promise<Uint8Array<ArrayBuffer>>>();

function load(name: AssetName): Promise<Uint8Array<ArrayBuffer>> {
  const asset: { file?: string; text?: string } = assets[name];
  if (asset.text !== undefined) return Promise.resolve(new TextEncoder().encode(asset.text));
  return readFile(path.join(swaggerUiDir, asset.file!)).then((buffer) => new Uint8Array(buffer));
}

/** GET /api/v1/docs/assets/{asset}: one of the page's files, read once and kept. */
export async function docsAsset(name: string): Promise<Response> {
  if (!Object.hasOwn(assets, name)) throw new AppError("NOT_FOUND", "No such documentation asset");
  const asset = name as AssetName;
  let body = loaded.get(asset);
  if (!body) {
    body = load(asset);
    loaded.set(asset, body);
    body.catch(() => loaded.delete(asset));
  }
  return new Response(await body, {
    headers: { ...securityHeaders, "content-type": assets[asset].type, "cache-control": "public, max-age=3600" },
  });
}
