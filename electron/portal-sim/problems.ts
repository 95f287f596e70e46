/**
 * RFC 7807 problem details as the simulator answers them (`application/problem+json`).
 *
 * The problem `type` URIs live in a simulator namespace (`urn:bbdesk:portal-sim:problem:<slug>`):
 * FIT-Connect's own problem type URIs for the Submission API are not part of the OpenAPI file,
 * so clients must not rely on them; they may rely on `status`, and read `title`/`detail`.
 */

export const PROBLEM_TYPE_PREFIX = 'urn:bbdesk:portal-sim:problem:';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'HttpProblem';
  }

  body(): ProblemBody {
    const body: ProblemBody = { type: PROBLEM_TYPE_PREFIX + this.slug, title: this.title, status: this.status };
    if (this.detail) body.detail = this.detail;
    return { ...this.extensions, ...body };
  }
}

export const badRequest = (detail: string, slug = 'bad-request') => new HttpProblem(400, slug, 'Bad Request', detail);

export const unauthorized = (detail: string) =>
  new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, {}, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description="${detail.replace(/"/g, "'")}"`,
  });

export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);

export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not Found', detail);

export const methodNotAllowed = (allow: string[]) =>
  new HttpProblem(405, 'method-not-allowed', 'Method Not Allowed', `Allowed: ${allow.join(', ')}`, {}, { Allow: allow.join(', ') });

export const conflict = (slug: string, title: string, detail: string) => new HttpProblem(409, slug, title, detail);

export const payloadTooLarge = (limit: number) =>
  new HttpProblem(413, 'payload-too-large', 'Request Entity Too Large', `The request body exceeds ${limit} bytes.`);

export const unsupportedMediaType = (expected: string, got: string) =>
  new HttpProblem(415, 'unsupported-media-type', 'Unsupported Media Type', `Expected Content-Type ${expected}, got ${got || 'none'}.`);

/** 422: the request is well-formed but not acceptable. `issue` repeats the detail (the spec names that field for event errors). */
export const unprocessable = (slug: string, title: string, detail: string) =>
  new HttpProblem(422, slug, title, detail, { issue: detail });

export const internalError = (detail: string) => new HttpProblem(500, 'internal-error', 'Internal Server Error', detail);
