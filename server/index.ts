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
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { closeQueues } from "#app/modules/jobs/queue.server";
import { disconnectPrisma } from "#app/utils/db.server";
import { getEnv } from "#app/utils/env.server";
import { getLogger, setLogService } from "#app/utils/logger.server";
import { runInRequestScope } from "#app/utils/request-scope.server";
import { closeRateLimits } from "#app/utils/rate-limit.server";

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
  app.set("trust proxy", "loopback");
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
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
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

  /**
   * Cross-site requests: a form posted from another site carries that site's Origin. The session
   * cookie is SameSite=Lax already; this refuses the rest (and login CSRF). API calls authenticate
   * with a bearer token, not cookies, and are not concerned.
   */
  app.use((req, res, next) => {
    if (
      ["GET", "HEAD", "OPTIONS"].includes(req.method) ||
      req.path.startsWith("/api/") ||
      req.path.startsWith("/webhooks/")
    )
      return next();
    const origin = req.get("origin");
    if (!origin || origin === "null") return next();
    try {
      const allowed = new Set([req.get("host"), new URL(env.APP_URL).host]);
      if (allowed.has(new URL(origin).host)) return next();
    } catch {
      // malformed Origin: refused below
    }
    logger.warn(
      { requestId: res.locals.requestId, origin, path: req.path },
      "cross-site request refused"
    );
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send(
        "Requête refusée : elle vient d’un autre site. / Cross-site request refused."
      );
  });

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
            const handler = createRequestHandler({
              build: await loadBuild(),
              mode: "development",
              getLoadContext: (request, response) => ({
                requestId: response.locals.requestId as string,
                clientIp: request.ip,
              }),
            });
            await handler(req, res, next);
          } catch (error) {
            next(error);
          }
        }
      : createRequestHandler({
          build,
          mode: env.NODE_ENV,
          getLoadContext: (request, response) => ({
            requestId: response.locals.requestId as string,
            clientIp: request.ip,
          }),
        })
  );

  const server = app.listen(env.PORT, env.HOST, () => {
    logger.info(
      { url: env.APP_URL, port: env.PORT, pid: process.pid },
      "web ready"
    );
  });

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
