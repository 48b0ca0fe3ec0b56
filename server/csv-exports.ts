import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";

/**
 * CSV exports at a page's own URL (`?format=csv`, docs/decisions/0019-staff-console.md). On a
 * document request Remix hands whatever the loader returns to the page as its data, so the file
 * would be rendered as HTML; on a data request (`?_data=<route id>`) it answers the loader's
 * Response as it is. This wrapper turns a GET for `?format=csv` into the data request of the page's
 * route (the loader, its access rule and its filters are the page's own), then answers it as a
 * browser expects: the file; the redirect to the log-in form as a redirect; and any other answer
 * (a refusal, a page that has no CSV) as the page itself, rendered by the page's error boundary.
 */
type Handler = (request: Request, context?: AppLoadContext) => Promise<Response>;

interface RouteNode {
  id: string;
  path?: string;
  index?: boolean;
  children?: RouteNode[];
}

export function routeTree(build: ServerBuild): RouteNode[] {
  const nodes = new Map<string, RouteNode>();
  for (const route of Object.values(build.routes)) {
    nodes.set(route.id, route.index ? { id: route.id, path: route.path, index: true } : { id: route.id, path: route.path, children: [] });
  }
  const roots: RouteNode[] = [];
  for (const route of Object.values(build.routes)) {
    const node = nodes.get(route.id)!;
    const parent = route.parentId ? nodes.get(route.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export function withCsvExports(handler: Handler, build: ServerBuild): Handler {
  const tree = routeTree(build);
  return async (request, context) => {
    const url = new URL(request.url);
    if ((request.method !== "GET" && request.method !== "HEAD") || url.searchParams.get("format") !== "csv" || url.searchParams.has("_data")) {
      return handler(request, context);
    }
    const leaf = matchRoutes(tree as AgnosticRouteObject[], url.pathname)?.at(-1)?.route as RouteNode | undefined;
    if (!leaf) return handler(request, context);
    const dataUrl = new URL(url);
    dataUrl.searchParams.set("_data", leaf.id);
    const response = await handler(new Request(dataUrl, request), context);
    if ((response.headers.get("Content-Type") ?? "").startsWith("text/csv")) return response;
    const redirectTo = response.headers.get("X-Remix-Redirect");
    if (redirectTo) {
      const headers = new Headers(response.headers);
      for (const name of ["X-Remix-Redirect", "X-Remix-Status", "X-Remix-Revalidate", "X-Remix-Reload-Document"]) headers.delete(name);
      headers.set("Location", redirectTo);
      return new Response(null, { status: Number(response.headers.get("X-Remix-Status")) || 302, headers });
    }
    return handler(request, context);
  };
}
