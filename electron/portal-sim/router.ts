/** Matches a method and path against the route table (OpenAPI path templates). */
import type { Route } from './context.js';

interface Compiled {
  route: Route;
  regex: RegExp;
  names: string[];
}

export type Match = { route: Route; params: Record<string, string> } | { allow: string[] } | null;

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const pattern = route.path
        .split('/')
        .map((seg) => {
          const m = /^\{(\w+)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1]!);
          return '([^/]+)';
        })
        .join('/');
      return { route, regex: new RegExp(`^${pattern}$`), names };
    });
  }

  match(method: string, pathname: string): Match {
    const allow = new Set<string>();
    for (const c of this.compiled) {
      const m = c.regex.exec(pathname);
      if (!m) continue;
      if (c.route.method !== method) {
        allow.add(c.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => {
        const raw = m[i + 1]!;
        try {
          params[n] = decodeURIComponent(raw);
        } catch {
          params[n] = raw;
        }
      });
      return { route: c.route, params };
    }
    return allow.size ? { allow: [...allow] } : null;
  }
}
