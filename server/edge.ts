/**
 * The web server's edge, before any request reaches Remix (decision 0010): security headers with
 * a per-request script nonce, the cross-site check of cookie-authenticated posts, and the size
 * cap of every request body.
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

const KiB = 1024;
/** An ordinary form (urlencoded or multipart without a file). */
export const FORM_BODY_LIMIT = 64 * KiB;
/**
 * Forms with long texts (a need's 20 000-character description, an application's approach):
 * percent-encoding may take 9 bytes for one character ("’").
 */
export const LONG_FORM_BODY_LIMIT = 256 * KiB;
/** JSON (the API, webhooks): the API's own limit (`MAX_BODY_BYTES`). */
export const JSON_BODY_LIMIT = 1024 * KiB;
/** An attachment upload: one 10 MB file and its multipart framing, as the route reads it. */
export const UPLOAD_BODY_LIMIT = 10 * 1024 * KiB + 64 * KiB;

const LONG_FORMS = [
  /^\/needs\/new\/?$/,
  /^\/needs\/[^/]+\/(edit|apply)\/?$/,
  /^\/applications\/[^/]+\/?$/,
  /^\/orgs\/[^/]+\/edit\/?$/,
];
const UPLOADS = [/^\/applications\/[^/]+\/?$/];

/** The largest body a request may carry, by its path and type; null for methods without one. */
export function bodyLimit(method: string, path: string, contentType: string) {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS")
    return null;
  if (path.startsWith("/api/") || path.startsWith("/webhooks/"))
    return JSON_BODY_LIMIT;
  if (
    contentType.toLowerCase().startsWith("multipart/form-data") &&
    UPLOADS.some((pattern) => pattern.test(path))
  )
    return UPLOAD_BODY_LIMIT;
  if (LONG_FORMS.some((pattern) => pattern.test(path)))
    return LONG_FORM_BODY_LIMIT;
  return FORM_BODY_LIMIT;
}

function formatLimit(bytes: number) {
  return bytes >= 1024 * KiB
    ? `${Math.floor(bytes / (1024 * KiB))} Mo / MB`
    : `${Math.floor(bytes / KiB)} Ko / KB`;
}

/** How long the rest of a refused body is read and thrown away, so that the client reads the answer. */
const LINGER_MS = 2_000;

/**
 * Node closes a `Connection: close` socket as soon as the answer is written: a client still
 * sending its body would then get a reset instead of reading the 413. What follows is read and
 * thrown away (no memory kept) for a moment after our half of the connection is closed, as
 * servers' "lingering close" does; then the socket goes.
 */
function closeAfterAnswer(req: Request) {
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    req.resume();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

function tooLarge(req: Request, res: Response, limit: number) {
  // The rest of the body is not kept: the connection closes after this answer.
  res.setHeader("Connection", "close");
  closeAfterAnswer(req);
  res.status(413);
  if (req.path.startsWith("/api/")) {
    res.json({
      error: {
        code: "payload_too_large",
        message: `Le corps de la requête dépasse ${formatLimit(limit)}. / The request body exceeds ${formatLimit(limit)}.`,
        fields: {},
      },
    });
  } else {
    res
      .type("text/plain; charset=utf-8")
      .send(
        `Envoi trop volumineux : ${formatLimit(limit)} au plus. / Request too large: at most ${formatLimit(limit)}.`
      );
  }
}

/** The body read into memory, never more than `limit` bytes; null once it goes past. */
function readBody(req: Request, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      if (!req.complete) reject(new Error("request aborted"));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/**
 * Every body capped before anything parses it: refused at once on its Content-Length, otherwise
 * counted while it arrives (chunked bodies have none) and refused as soon as it goes past. The
 * body read is kept in `res.locals.body` for Remix, which never reads more than the cap.
 */
export function capBodies(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const limit = bodyLimit(req.method, req.path, req.get("content-type") ?? "");
    if (limit === null) return next();
    const declared = req.get("content-length");
    if (declared !== undefined && Number(declared) > limit) {
      logger.warn(
        { requestId: res.locals.requestId, path: req.path, declared: Number(declared), limit },
        "request body too large"
      );
      return tooLarge(req, res, limit);
    }
    if (/100-continue/i.test(req.get("expect") ?? "")) res.writeContinue();
    readBody(req, limit).then(
      (body) => {
        if (body) {
          res.locals.body = body;
          return next();
        }
        logger.warn(
          { requestId: res.locals.requestId, path: req.path, limit },
          "request body too large"
        );
        tooLarge(req, res, limit);
      },
      () => {
        // The client went away before sending its whole body: nobody to answer.
        res.destroy();
      }
    );
  };
}

const SESSION_COOKIE = /(?:^|;\s*)sillon_session=[^;]/;

/** The request carries a session cookie (perhaps an expired one). */
export function hasSessionCookie(cookieHeader: string | undefined) {
  return SESSION_COOKIE.test(cookieHeader ?? "");
}

/**
 * Cross-site requests: a form posted from another site may ride on the session cookie (or log the
 * victim in to the attacker's account). A non-API, non-webhook post is accepted only when the
 * browser says it comes from this site: an Origin naming this host; without one, Fetch Metadata
 * `Sec-Fetch-Site: same-origin` (or `none`, the user's own action); `Origin: null` (sandboxed
 * frames, privacy redirects) is refused. A request with neither header is not from a browser of
 * this decade: accepted without a session cookie (curl, a monitoring probe: nothing to ride on),
 * refused with one. API calls authenticate with a bearer token, not cookies, and are not concerned;
 * nor is the one-click unsubscribe (`/unsubscribe`, RFC 8058): its signed link is the credential,
 * the session plays no part, and mailbox providers post it from wherever they run (decision 0016).
 */
export function crossSiteVerdict(input: {
  method: string;
  path: string;
  origin: string | undefined;
  fetchSite: string | undefined;
  cookie: string | undefined;
  allowedHosts: Set<string>;
}): "allowed" | "refused" {
  if (["GET", "HEAD", "OPTIONS"].includes(input.method)) return "allowed";
  if (input.path.startsWith("/api/") || input.path.startsWith("/webhooks/"))
    return "allowed";
  if (input.path === "/unsubscribe" || input.path === "/unsubscribe/") return "allowed";
  const { origin, fetchSite } = input;
  if (origin !== undefined) {
    if (origin === "null") return "refused";
    try {
      return input.allowedHosts.has(new URL(origin).host) ? "allowed" : "refused";
    } catch {
      return "refused";
    }
  }
  if (fetchSite !== undefined)
    return fetchSite === "same-origin" || fetchSite === "none" ? "allowed" : "refused";
  return hasSessionCookie(input.cookie) ? "refused" : "allowed";
}

export function refuseCrossSite(appUrl: string, logger: Logger) {
  const appHost = new URL(appUrl).host;
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get("origin");
    const verdict = crossSiteVerdict({
      method: req.method,
      path: req.path,
      origin,
      fetchSite: req.get("sec-fetch-site"),
      cookie: req.get("cookie"),
      allowedHosts: new Set([req.get("host") ?? appHost, appHost]),
    });
    if (verdict === "allowed") return next();
    logger.warn(
      {
        requestId: res.locals.requestId,
        origin: origin?.slice(0, 200),
        fetchSite: req.get("sec-fetch-site")?.slice(0, 40),
        path: req.path,
      },
      "cross-site request refused"
    );
    res.setHeader("Connection", "close");
    closeAfterAnswer(req);
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send(
        "Requête refusée : elle ne vient pas de ce site. / Request refused: it does not come from this site."
      );
  };
}

/**
 * The e-mail previews of the staff outbox: e-mails are styled inline (what mail clients read), and a
 * `srcdoc` frame inherits its page's policy; inline styles (never scripts) are allowed on that page only.
 */
const INLINE_STYLE_PAGES = [/^\/staff\/outbox\/templates\/?$/];

export function allowsInlineStyles(path: string) {
  return INLINE_STYLE_PAGES.some((pattern) => pattern.test(path));
}

/** The Content-Security-Policy of every answer: scripts of this site and inline ones carrying the request's nonce only. */
export function contentSecurityPolicy(nonce: string, https: boolean, inlineStyles = false) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** HSTS: 180 days, this host only (the operator's other hosts under the domain are not ours to decide). */
export const HSTS = "max-age=15552000";

/**
 * The headers of every answer; the nonce is kept in `res.locals.cspNonce` for the page's scripts.
 * HSTS only when the public URL is https (an http installation would lock itself out).
 */
export function securityHeaders(appUrl: string) {
  const https = appUrl.startsWith("https://");
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, https, allowsInlineStyles(req.path)));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    if (https) res.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
}
