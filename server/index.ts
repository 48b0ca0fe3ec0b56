/**
 * The web process: `npm run start:web` (or started by `npm start`). Express serves the built
 * assets and hands every other request to Remix. Each request gets an id (the incoming
 * `X-Request-Id` when sane, otherwise a new one), returned in the response and in every log line.
 *
 * With WEB_CONCURRENCY > 1 (production default: one per CPU, up to 4) this process forks that
 * many copies of itself sharing the port (node:cluster); it restarts one that dies, forwards
 * SIGTERM/SIGINT and exits once they have all stopped.
 */
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express, {
  type NextFunction,
  type Request as ExpressRequest,
  type Response as ExpressResponse,
} from "express";
import { closeQueues } from "#app/modules/jobs/queue.server";
import { disconnectPrisma } from "#app/utils/db.server";
import { getEnv } from "#app/utils/env.server";
import { getLogger, setLogService } from "#app/utils/logger.server";
import { runInRequestScope } from "#app/utils/request-scope.server";
import { closeRateLimits } from "#app/utils/rate-limit.server";
import {
  capBodies,
  hasSessionCookie,
  refuseCrossSite,
  securityHeaders,
} from "./edge";
import { withCsvExports } from "./csv-exports";

setLogService("web");
const env = getEnv();
const logger = getLogger();
const BUILD_PATH = path.resolve("build/index.js");

let loaded: { build: ServerBuild; mtimeMs: number } | undefined;

/** The server build; in development it is imported again after each rebuild (`remix watch`). */
async function loadBuild(): Promise<ServerBuild> {
  // In production the build never changes under a running process: no stat per request.
  if (loaded && env.NODE_ENV !== "development") return loaded.build;
  const { mtimeMs } = await stat(BUILD_PATH);
  if (
    !loaded ||
    (env.NODE_ENV === "development" && loaded.mtimeMs !== mtimeMs)
  ) {
    const build = (await import(
      `${pathToFileURL(BUILD_PATH).href}?v=${mtimeMs}`
    )) as ServerBuild;
    loaded = { build, mtimeMs };
  }
  return loaded.build;
}

if (cluster.isPrimary && env.WEB_CONCURRENCY > 1) {
  runPrimary(env.WEB_CONCURRENCY);
} else {
  await runWeb();
}

function runPrimary(count: number) {
  logger.info(
    { url: env.APP_URL, port: env.PORT, processes: count },
    "web starting"
  );
  let stopping = false;
  let exitCode = 0;
  const exits: number[] = [];
  const running = () =>
    Object.values(cluster.workers ?? {}).filter(Boolean).length;

  const stop = (reason: string, code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "web stopping");
    for (const worker of Object.values(cluster.workers ?? {}))
      worker?.process.kill("SIGTERM");
    if (running() === 0) process.exit(exitCode);
    setTimeout(() => process.exit(1), 20_000).unref();
  };

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (running() === 0) {
        logger.info("web stopped");
        process.exit(exitCode);
      }
      return;
    }
    // A process that keeps dying (a port already taken, a database gone) stops the whole web.
    const now = Date.now();
    exits.push(now);
    while (exits[0]! < now - 60_000) exits.shift();
    if (exits.length > 2 * count) {
      logger.fatal(
        { pid: worker.process.pid, code, signal },
        "web processes keep exiting: stopping"
      );
      stop("crash loop", 1);
      return;
    }
    logger.error(
      { pid: worker.process.pid, code, signal },
      "web process exited: starting another"
    );
    cluster.fork();
  });
  // A larger young generation (V8's default is 16 MB per semi-space): a page request allocates a
  // few MB that die with it, and fewer scavenges save ≈ 4 % of the CPU time per request
  // (decision 0009). Unless the operator chose a size already (NODE_OPTIONS is Node's own
  // setting, not the app's configuration).
  // eslint-disable-next-line no-restricted-syntax
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some(
    (option) => option.includes("max-semi-space-size")
  );
  if (!chosen)
    cluster.setupPrimary({
      execArgv: [...process.execArgv, "--max-semi-space-size=32"],
    });
  for (let index = 0; index < count; index++) cluster.fork();
  process.on("SIGTERM", () => stop("SIGTERM", 0));
  process.on("SIGINT", () => stop("SIGINT", 0));
}

async function runWeb() {
  const app = express();
  app.disable("x-powered-by");
  // Which proxies may tell the client's address (X-Forwarded-For): none unless TRUST_PROXY names them.
  app.set("trust proxy", env.TRUST_PROXY);
  // Pages at gzip's fastest level (nginx's default): they are rendered anew for each request, and
  // level 6 costs about four times as much CPU (0.29 against 0.08 ms for a needs list) for 10 %
  // fewer bytes (8.8 KB instead of 9.8 KB). The built scripts and styles keep level 6: a browser
  // downloads them once (immutable), and level 1 would add ≈ 20 % to them.
  const compressPages = compression({ level: 1 });
  const compressAssets = compression();
  app.use((req, res, next) =>
    (req.path.startsWith("/build/") ? compressAssets : compressPages)(
      req,
      res,
      next
    )
  );

  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    const requestId =
      incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      // Secret tokens travel in some paths (invitations); they never reach the logs.
      const path = req.path.replace(
        /^\/invitations\/[^/]+/,
        "/invitations/:token"
      );
      const line = {
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      };
      if (res.statusCode >= 500) logger.error(line, "request");
      else if (req.path !== "/healthz") logger.info(line, "request");
    });
    next();
  });

  app.use(securityHeaders(env.APP_URL));
  app.use(refuseCrossSite(env.APP_URL, logger));
  app.use(capBodies(logger));

  app.use(
    "/build",
    express.static("public/build", { immutable: true, maxAge: "1y" })
  );
  // The other files of public/ (icons, fonts) by their top-level name: the pages' paths go to
  // Remix without a file lookup each.
  const publicFiles = express.static("public", { maxAge: "1h" });
  const publicNames = new Set(
    readdirSync("public").filter((name) => name !== "build")
  );
  app.use((req, res, next) =>
    publicNames.has(req.path.split("/")[1] ?? "")
      ? publicFiles(req, res, next)
      : next()
  );

  const build = await loadBuild();
  // What the loaders of one request share (the signed-in actor) is computed once per request.
  app.use((_req, _res, next) => runInRequestScope(next));
  app.all(
    "*",
    env.NODE_ENV === "development"
      ? async (req, res, next) => {
          try {
            await remixHandler(await loadBuild(), "development")(req, res, next);
          } catch (error) {
            next(error);
          }
        }
      : remixHandler(build, env.NODE_ENV)
  );

  const server = app.listen(env.PORT, env.HOST, () => {
    logger.info(
      { url: env.APP_URL, port: env.PORT, pid: process.pid },
      "web ready"
    );
  });
  // A client that asks before sending its body (`Expect: 100-continue`) is told to go on only
  // once the edge has accepted the request (capBodies): a body over its cap is never sent.
  server.on("checkContinue", app);

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "web stopping");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeQueues();
    await closeRateLimits();
    await disconnectPrisma();
    logger.info("web stopped");
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/**
 * Hands a request to Remix (what `@remix-run/express` does), with the body the edge has read and
 * capped (`res.locals.body`) instead of the socket, and `Cache-Control: private, no-store` on
 * every answer to a signed-in request or one that sets the session cookie: no shared cache, no
 * back/forward copy of someone's pages once they log out.
 */
function remixHandler(build: ServerBuild, mode: string) {
  const handleRequest = withCsvExports(createRequestHandler(build, mode), build);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        // The edge has judged where the request comes from (refuseCrossSite, against the Host and
        // APP_URL): Remix's own check, which knows only the Host, would answer 500 to a proxy
        // that does not pass the public host on.
        if (name === "origin") continue;
        if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
        else if (value !== undefined) headers.set(name, value);
      }
      const body = res.locals.body as Buffer | undefined;
      // A Host header that is no host (spaces, a slash) names no page of ours: 400, not 500.
      const url = URL.canParse(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`)
        ? new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`)
        : null;
      if (!url) {
        res
          .status(400)
          .type("text/plain; charset=utf-8")
          .send("En-tête Host invalide. / Invalid Host header.");
        return;
      }
      const request = new Request(url.href, {
        method: req.method,
        headers,
        signal: controller.signal,
        ...(req.method !== "GET" && req.method !== "HEAD"
          ? // A Buffer read from a socket is never backed by a SharedArrayBuffer.
            { body: (body ?? null) as Uint8Array<ArrayBuffer> | null }
          : {}),
      });
      const response = await handleRequest(request, {
        requestId: res.locals.requestId as string,
        clientIp: req.ip,
        cspNonce: res.locals.cspNonce as string,
      });
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [name, value] of response.headers.entries()) res.append(name, value);
      if (
        hasSessionCookie(req.get("cookie")) ||
        response.headers.getSetCookie().some((cookie) => cookie.startsWith("sillon_session="))
      )
        res.setHeader("Cache-Control", "private, no-store");
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}
