/**
 * Hostile requests for every route of the API: the shapes an attacker or a
 * broken integration sends (wrong types, huge strings, NUL and lone
 * surrogates, numbers beyond int4 or as decimal-comma strings, deep nesting,
 * invalid JSON, wrong content types, oversized bodies). Most bodies start from
 * a valid plan and break one place of it, so the request gets past the first
 * checks and reaches the deep ones where a 500 hides.
 */
import fc from "fast-check";
import type { InjectOptions } from "fastify";

type HTTPMethods = NonNullable<InjectOptions["method"]>;

/** A route with the names of its query parameters (from the OpenAPI document). */
export type FuzzRoute = { method: HTTPMethods; url: string; query: string[] };

export type FuzzContext = {
  planId: number;
  userId: number;
  /** A valid rumbo.plan/v1 document (without `format`), the base of mutated bodies. */
  plan: Record<string, unknown>;
};

export type FuzzRequest = {
  method: HTTPMethods;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
};

const HUGE_INT = [2_147_483_648, 9_007_199_254_740_992, -2_147_483_649, 1e308, -1e308];

/** Values that have broken validators somewhere before. */
const nastyScalar: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFFy", 2_147_483_648),
  },
  fc.constantFrom<unknown>(
    "",
    "\u0000",
    "a\u0000b",
    "\uD800",
    "x\uDFFFy",
    "1,5",
    "NaN",
    "Infinity",
    "-0",
    "1e308",
    "0000-01-01",
    "9999-12-31",
    "2024-02-30",
    "<script>alert(1)</script>",
    "'; drop table plans; --",
    "ñandú 🦜",
    null,
    true,
    0,
    -1,
    0.5,
    ...HUGE_INT,
    [],
    {},
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1_000, 70_000).map((n) => "x".repeat(n)),
);

function deepNesting(depth: number): unknown {
  let value: unknown = "fondo";
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: nastyScalar },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(50, 2_000).map(deepNesting) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(60, 1_000).map((n) => Array.from({ length: n }, (_, i) => 2024 + i)),
  },
);

/** Every path (as keys) in a JSON value, so one place can be broken at random. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) {
    return here.concat(value.flatMap((v, i) => pathsOf(v, [...prefix, i])));
  }
  if (value && typeof value === "object") {
    return here.concat(Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k])));
  }
  return here;
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

function setAt(
  root: unknown,
  path: (string | number)[],
  replacement: unknown,
  drop: boolean,
): unknown {
  if (path.length === 0) return replacement;
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (drop && !Array.isArray(node)) delete node[last];
  else node[last] = replacement;
  return copy;
}

function mutatedPlan(plan: Record<string, unknown>): fc.Arbitrary<unknown> {
  const paths = pathsOf(plan);
  // Text leaves are where NUL and lone surrogates used to slip through to the database.
  const textPaths = paths.filter((p) => typeof valueAt(plan, p) === "string");
  const pathIndex = fc.oneof(
    fc.nat({ max: paths.length - 1 }).map((i) => paths[i] ?? []),
    fc.nat({ max: Math.max(0, textPaths.length - 1) }).map((i) => textPaths[i] ?? []),
  );
  return fc
    .tuple(
      pathIndex,
      nastyValue,
      fc.nat(4).map((n) => n === 0),
      fc.nat(4).map((n) => n === 0),
    )
    .map(([path, value, drop, extra]) => {
      const broken = setAt(plan, path, value, drop) as Record<string, unknown>;
      return extra && broken && typeof broken === "object"
        ? { ...broken, campoExtra: value }
        : broken;
    });
}

/** A JSON body for a route: its plausible shape with one place broken, or anything at all. */
function bodyFor(route: FuzzRoute, ctx: FuzzContext): fc.Arbitrary<unknown> {
  const planShaped = mutatedPlan(ctx.plan);
  const wrappers = fc.oneof(
    planShaped.map((plan) => ({ plan })),
    fc
      .tuple(planShaped, nastyValue, nastyValue)
      .map(([plan, justification, actReference]) => ({ plan, justification, actReference })),
    fc.record(
      {
        status: fc.oneof(fc.constantFrom("vigente", "formulacion"), nastyScalar),
        published: fc.oneof(fc.boolean(), nastyScalar),
        email: fc.oneof(fc.emailAddress(), nastyScalar),
        password: fc.oneof(fc.constant("Cuaderno-de-Metas-2026"), nastyScalar),
        currentPassword: nastyScalar,
        newPassword: nastyScalar,
        token: nastyScalar,
        name: nastyScalar,
        area: nastyScalar,
        role: fc.oneof(fc.constantFrom("administrador", "planeacion", "responsable"), nastyScalar),
        active: fc.oneof(fc.boolean(), nastyScalar),
        assignments: fc.oneof(
          fc.array(
            fc.record(
              {
                role: fc.oneof(fc.constantFrom("responsable", "consulta"), nastyScalar),
                planId: fc.oneof(fc.constant(ctx.planId), nastyScalar),
                objectiveCode: nastyScalar,
                indicatorCode: nastyScalar,
              },
              { requiredKeys: [] },
            ),
            { maxLength: 3 },
          ),
          nastyScalar,
        ),
      },
      { requiredKeys: [] },
    ),
  );
  // The body a route expects, broken in one place, most of the time.
  const expected = /\/api\/plans(\/:id)?$/.test(route.url)
    ? planShaped.map((plan) => ({ plan }))
    : /reprogramaciones$/.test(route.url)
      ? fc
          .tuple(planShaped, nastyValue, nastyValue, fc.boolean())
          .map(([plan, justification, actReference, sensible]) =>
            sensible
              ? { plan, justification: "Ajuste aprobado por el comité", actReference: "Acta 7" }
              : { plan, justification, actReference },
          )
      : wrappers;
  return fc.oneof(
    { weight: 4, arbitrary: expected },
    { weight: 1, arbitrary: wrappers },
    {
      weight: 1,
      arbitrary: nastyValue,
    },
  );
}

const idSegment = (ctx: FuzzContext, own: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant(String(own)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "0",
        "-1",
        "2147483648",
        "99999999999999999999",
        "1e3",
        "abc",
        "%00",
        String(ctx.planId + 1000),
      ),
    },
  );

const QUERY_VALUES = [
  "true",
  "false",
  "1",
  "2147483648",
  "99999999999999999999",
  "-1",
  "0000-01-01",
  "9999-12-31",
  "2024-12-31",
  "ayer",
  "%00",
  "a%00b",
  "%ED%A0%80",
  "xlsx",
  "csv",
  "json",
  "none",
  "exclude",
];

function queryFor(route: FuzzRoute): fc.Arbitrary<string> {
  const names = [...route.query, "desconocido"];
  const pair = fc.tuple(
    fc.constantFrom(...names),
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...QUERY_VALUES) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(encodeURIComponent) },
    ),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant("") },
    {
      weight: route.query.length > 0 ? 4 : 1,
      arbitrary: fc
        .array(pair, { minLength: 1, maxLength: 3 })
        .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`),
    },
  );
}

/** Stands for the plan's version at the moment of sending (replaced by the caller). */
export const CURRENT_VERSION = "{vigente}";

const ifMatch = fc.oneof(
  { weight: 1, arbitrary: fc.constant<string | null>(null) },
  { weight: 3, arbitrary: fc.constant(`"v${CURRENT_VERSION}"`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '"v1"',
      '"v2"',
      '"v2147483648"',
      '"v99999999999999999999"',
      '"v-1"',
      "v1",
      "*",
      '"\u0000"',
    ),
  },
);

const CONTENT_TYPES = [
  "application/json",
  "text/csv",
  "text/plain",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/x-www-form-urlencoded",
  "application/octet-stream",
];

function payloadOf(route: FuzzRoute, ctx: FuzzContext) {
  const json = bodyFor(route, ctx).map((b) => ({
    contentType: "application/json",
    payload: JSON.stringify(b) as string | Buffer,
  }));
  const raw = fc.record({
    contentType: fc.constantFrom(...CONTENT_TYPES),
    payload: fc.oneof(
      fc.constantFrom<string | Buffer>(
        "{",
        '{"plan":',
        "null",
        "[]",
        "\uFEFFcodigo;nombre\n1;\u0000\n",
        "\xFF\xFEc\0o\0d\0e\0",
        Buffer.from("PK\u0003\u0004 no es un zip"),
        Buffer.alloc(3 * 1024 * 1024, 0x61),
      ),
      fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
      fc.string({ maxLength: 200 }),
    ),
  });
  return fc.oneof({ weight: 4, arbitrary: json }, { weight: 1, arbitrary: raw });
}

/** A hostile request for one route of the table (`:id`-like segments get ids). */
export function requestFor(
  route: FuzzRoute,
  ctx: FuzzContext,
  headers: Record<string, string>,
): fc.Arbitrary<FuzzRequest> {
  const segments = route.url.split("/").map((segment) => {
    if (!segment.startsWith(":")) return fc.constant(segment);
    const own = /user/.test(route.url) ? ctx.userId : ctx.planId;
    return idSegment(ctx, own);
  });
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  return fc
    .tuple(
      fc.tuple(...segments),
      queryFor(route),
      ifMatch,
      hasBody ? payloadOf(route, ctx).map((p) => p as typeof p | null) : fc.constant(null),
    )
    .map(([parts, query, match, body]) => {
      const requestHeaders: Record<string, string> = { ...headers };
      if (match !== null) requestHeaders["if-match"] = match;
      const request: FuzzRequest = {
        method: route.method,
        url: `${parts.join("/")}${query}`,
        headers: requestHeaders,
      };
      if (body) {
        requestHeaders["content-type"] = body.contentType;
        request.payload = body.payload;
      }
      return request;
    });
}

/** Short, printable description of a request for a failure report. */
export function describeRequest(request: FuzzRequest): string {
  const payload =
    request.payload === undefined
      ? ""
      : ` ${request.headers["content-type"]} ${String(request.payload).slice(0, 160)}`;
  return `${request.method} ${request.url}${request.headers["if-match"] ? ` If-Match: ${request.headers["if-match"]}` : ""}${payload}`;
}
