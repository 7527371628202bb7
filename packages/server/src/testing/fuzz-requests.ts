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
  /** A plan en formulación: the formulation and plan-file routes write to it. */
  planId: number;
  userId: number;
  /** A valid rumbo.plan/v1 document (without `format`), the base of mutated bodies. */
  plan: Record<string, unknown>;
  /** A plan vigente with cortes: the report, corte, evidence and bulk-load routes write to it. */
  reportPlanId: number;
  /** Codes of that plan's indicators. */
  indicators: string[];
  /** Its cortes (open, closed, not yet open). */
  corteIds: number[];
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

/** A number as a planner or a broken integration types it. */
const reportNumber: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(44, 68.5, 0, null, "44", "68,5", "1.234,5") },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      "1,5",
      "1.5",
      "1,234,5",
      "1e308",
      "-1e308",
      "NaN",
      "Infinity",
      "-Infinity",
      "15%",
      "  7 ",
      "cuarenta",
      "0x1F",
      "١٢٣",
      "1_000",
      -0,
      1e308,
      -1e308,
      5e-324,
      Number.MAX_SAFE_INTEGER + 2,
    ),
  },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: nastyScalar },
);

const ISO_DAYS = [
  "2025-03-31",
  "2025-04-01",
  "2025-04-15",
  "2025-04-30",
  "2025-09-30",
  "2025-10-01",
  "2025-10-15",
  "2025-10-31",
  "2027-12-31",
];
const isoDay: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ISO_DAYS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      "2025-02-29",
      "2025-13-01",
      "31/03/2025",
      "2025-3-31",
      "0000-01-01",
      "9999-12-31",
      "275760-09-13",
      "2025-03-31T00:00:00Z",
    ),
  },
  { weight: 1, arbitrary: nastyScalar },
);

const reviewText: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constant("Falta el soporte del valor reportado en marzo.") },
  { weight: 1, arbitrary: fc.constantFrom("corto", "          ", '=HYPERLINK("http://x")') },
  { weight: 2, arbitrary: nastyScalar },
);

/**
 * A valid body with, most of the time, one field broken: replaced by a
 * hostile value, dropped, or joined by a field the contract does not know.
 */
function oneFieldBroken(
  valid: Record<string, fc.Arbitrary<unknown>>,
  hostile: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc
    .tuple(
      fc.record(valid),
      fc.constantFrom(...keys, "campoExtra"),
      fc.constantFrom("intacto", "hostil", "hostil", "ausente"),
      nastyValue,
    )
    .chain(([body, key, how, extra]) => {
      if (how === "intacto") return fc.constant<unknown>(body);
      if (how === "ausente") {
        const { [key]: _dropped, ...rest } = body;
        return fc.constant<unknown>(rest);
      }
      const broken = hostile[key] ?? fc.constant(extra);
      return broken.map((value) => ({ ...body, [key]: value }) as unknown);
    });
}

const reportText = fc.constantFrom(
  "Se asistieron 44 entidades distritales.",
  "",
  "=CMD|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "ñandú 🦜 «comillas» ; separador, coma",
);

/** The bodies of the seguimiento routes, plausible with one part broken. */
function seguimientoBody(route: FuzzRoute, ctx: FuzzContext): fc.Arbitrary<unknown> | null {
  if (route.method === "PUT" && /\/reports\/:period$/.test(route.url)) {
    const link = fc.record({
      kind: fc.constant("link"),
      url: fc.constantFrom(
        "https://www.funcionpublica.gov.co/informe.pdf",
        "http://datos.gov.co/avance?x=1",
      ),
      title: fc.constantFrom("Informe de gestión", '=HYPERLINK("http://x")'),
    });
    const hostileEvidence = fc.record(
      {
        kind: fc.oneof(fc.constantFrom<unknown>("link", "file", "otro"), nastyScalar),
        url: fc.oneof(
          fc.constantFrom<unknown>(
            "javascript:alert(1)",
            "http://",
            "file:///etc/passwd",
            `https://x.co/${"a".repeat(2100)}`,
          ),
          nastyScalar,
        ),
        title: nastyScalar,
        sha256: fc.oneof(fc.constant("a".repeat(64)), nastyScalar),
      },
      { requiredKeys: [] },
    );
    const analysis = fc.record(
      {
        achievements: reportText,
        difficulties: reportText,
        actions: reportText,
        benefits: reportText,
      },
      { requiredKeys: [] },
    );
    return oneFieldBroken(
      {
        value: fc.constantFrom<unknown>(44, 68.5, 0, null, "44", "68,5", "1.234,5", 12),
        analysis,
        explanations: fc.record(
          {
            semaforo: fc.constant("El retraso se debe al cambio de contratista en marzo."),
            sobreejecucion: fc.constant(
              "Se atendió una demanda mayor a la prevista en el trimestre.",
            ),
          },
          { requiredKeys: [] },
        ),
        evidence: fc.array(link, { maxLength: 2 }),
      },
      {
        value: reportNumber,
        numerator: reportNumber,
        denominator: reportNumber,
        analysis: fc.oneof(
          fc.record(
            { achievements: nastyScalar, benefits: nastyScalar, otro: nastyScalar },
            { requiredKeys: [] },
          ),
          nastyValue,
        ),
        explanations: fc.oneof(
          fc.record({ semaforo: nastyScalar, atipico: reviewText }),
          nastyValue,
        ),
        evidence: fc.oneof(
          fc.array(hostileEvidence, { minLength: 1, maxLength: 3 }),
          fc.constant(Array.from({ length: 51 }, () => ({ kind: "link", url: "https://a.co" }))),
          nastyValue,
        ),
      },
    );
  }
  const text = fc.constant("Falta el soporte del valor reportado en marzo.");
  if (/\/return$/.test(route.url))
    return oneFieldBroken({ comment: text }, { comment: reviewText });
  if (/\/unapprove$/.test(route.url))
    return oneFieldBroken({ justification: text }, { justification: reviewText });
  if (/\/cortes$/.test(route.url))
    return oneFieldBroken(
      {
        periodEnd: fc.constantFrom("2025-09-30", "2025-12-31", "2026-03-31", "2025-03-31"),
        opensOn: fc.constant("2025-10-01"),
        dueOn: fc.constant("2025-10-15"),
        closesOn: fc.constant("2025-10-31"),
      },
      { periodEnd: isoDay, opensOn: isoDay, dueOn: isoDay, closesOn: isoDay },
    );
  if (/\/reopen$/.test(route.url))
    return oneFieldBroken(
      {
        justification: fc.constant(
          "Corrección del valor de marzo pedida por la Oficina de Control Interno.",
        ),
        until: fc.constantFrom("2025-04-30", "2025-12-31"),
        indicators: fc.subarray(ctx.indicators, { minLength: 1, maxLength: 3 }),
      },
      {
        justification: reviewText,
        until: isoDay,
        indicators: fc.oneof(
          fc.array(fc.oneof(fc.constantFrom(...ctx.indicators), nastyScalar), { maxLength: 4 }),
          fc.constant(Array.from({ length: 1001 }, (_, i) => String(i))),
          nastyValue,
        ),
      },
    );
  return null;
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
  const seguimiento = seguimientoBody(route, ctx);
  const expected = seguimiento
    ? seguimiento
    : /\/api\/plans(\/:id)?$/.test(route.url)
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

const SEGMENT_NASTIES = ["%00", "a%00b", "%ED%A0%80", "..", "%2F..%2F", "x".repeat(300)];

/** A value for one `:name` segment of a route's path: mostly a real one, sometimes hostile. */
function segmentFor(name: string, route: FuzzRoute, ctx: FuzzContext): fc.Arbitrary<string> {
  const hostile = (...extra: string[]) =>
    fc.constantFrom(...extra, ...SEGMENT_NASTIES).map((v) => v);
  const real = (values: fc.Arbitrary<string>, ...extra: string[]) =>
    fc.oneof({ weight: 5, arbitrary: values }, { weight: 1, arbitrary: hostile(...extra) });
  switch (name) {
    case "code":
      return real(fc.constantFrom(...ctx.indicators), "9999", "2307%20", "%C3%B1and%C3%BA", "0");
    case "period":
      return real(
        fc.constantFrom("2025-Q1", "2025", "2024", "2025-03", "2024-Q4", "2025-Q2"),
        "2025-Q5",
        "2025-Q0",
        "2025-13",
        "2025-00",
        "0000",
        "99999",
        "2147483648",
        "2031",
        "1e3",
      );
    case "corteId":
      return fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...ctx.corteIds.map(String)) },
        { weight: 1, arbitrary: idSegment(ctx, 0) },
      );
    case "sha256":
      return real(fc.constant("0".repeat(64)), "A".repeat(64), "0".repeat(63), "g".repeat(64));
    default: {
      if (/user/.test(route.url)) return idSegment(ctx, ctx.userId);
      const seguimiento = /indicators|cortes|reports|evidence/.test(route.url);
      return fc.oneof(
        { weight: 4, arbitrary: idSegment(ctx, seguimiento ? ctx.reportPlanId : ctx.planId) },
        { weight: 1, arbitrary: idSegment(ctx, seguimiento ? ctx.planId : ctx.reportPlanId) },
      );
    }
  }
}

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
  "soporte.pdf",
  "avances.csv",
  "matriz.xlsx",
  "..%2F..%2Fetc%2Fpasswd",
  "a%0D%0AX-Inyectada:%201",
  "x".repeat(300),
  "Secretar%C3%ADa%20General",
  "%E2%80%AE",
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
/** Stands for the addressed report's version at the moment of sending (replaced by the caller). */
export const CURRENT_REPORT_VERSION = "{reporte}";

const ifMatch = fc.oneof(
  { weight: 1, arbitrary: fc.constant<string | null>(null) },
  { weight: 3, arbitrary: fc.constant(`"v${CURRENT_VERSION}"`) },
  { weight: 3, arbitrary: fc.constant(`"r${CURRENT_REPORT_VERSION}"`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '"v1"',
      '"v2"',
      '"v2147483648"',
      '"v99999999999999999999"',
      '"v-1"',
      '"r0"',
      '"r1"',
      '"r2147483648"',
      '"r-1"',
      '"r1.5"',
      "r1",
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
  "multipart/form-data; boundary=----rumbo",
  "application/json; charset=utf-16le",
  "application/pdf",
  "image/png",
  "",
];

/** JSON as no JSON.stringify writes it: literals JSON lacks, huge exponents, proto keys, depth. */
const RAW_JSON = [
  '{"value": NaN}',
  '{"value": Infinity, "numerator": -Infinity}',
  '{"value": 1e400}',
  '{"value": -1e400}',
  '{"value": -0, "denominator": 0}',
  '{"value": 1,5}',
  '{"value": "1,5"}',
  '{"value": 0x10}',
  '{"value": 44,}',
  "{'value': 44}",
  '{"__proto__": {"isAdmin": true}, "value": 1}',
  '{"constructor": {"prototype": {"x": 1}}}',
  '{"value": 1, "value": "dos"}',
  '{"comment": "\\ud800 sin par"}',
  "\uFEFF{}",
  `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
  `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`,
  "[".repeat(200_000),
];

/** Bytes that start like real files, for the routes that take a file. */
const FILE_STARTS = [
  Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"),
  Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"),
  Buffer.from("ffd8ffe000104a464946", "hex"),
  Buffer.from("MZ\x90\x00\x03\x00"),
  Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
  Buffer.from("<!doctype html><script>alert(1)</script>"),
  Buffer.from(
    '------rumbo\r\nContent-Disposition: form-data; name="file"; filename="soporte.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n------rumbo--\r\n',
  ),
  Buffer.from("indicador;periodo;valor\r\n2307;2025-Q1;=1+1\r\n"),
];

/** Just over the largest body any route takes (25 MB for an uploaded file): built once. */
let oversized: Buffer | null = null;
const OVERSIZED = () => {
  oversized ??= Buffer.alloc(26 * 1024 * 1024, 0x61);
  return oversized;
};

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
        ...FILE_STARTS,
      ),
      fc.constant(0).map(OVERSIZED),
      fc.constantFrom(...RAW_JSON),
      fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
      fc.string({ maxLength: 200 }),
    ),
  });
  const rawJson = fc.record({
    contentType: fc.constantFrom("application/json", "application/json; charset=utf-8"),
    payload: fc.constantFrom<string | Buffer>(...RAW_JSON),
  });
  // The routes that take a file get a file most of the time (importers.fuzz.test.ts goes deeper).
  const takesFile = /\/(evidence|import)$/.test(route.url);
  const file = fc.record({
    contentType: fc.constantFrom(
      "text/csv",
      "text/csv; charset=utf-8",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/json",
      "application/pdf",
      "multipart/form-data; boundary=----rumbo",
    ),
    payload: fc.oneof(
      fc.constantFrom<string | Buffer>(...FILE_STARTS),
      fc.uint8Array({ minLength: 1, maxLength: 2_000 }).map((a) => Buffer.from(a)),
      fc
        .tuple(fc.constantFrom(...FILE_STARTS), fc.uint8Array({ maxLength: 200 }))
        .map(([start, tail]) => Buffer.concat([start, tail])),
    ),
  });
  const kinds = [
    { weight: takesFile ? 2 : 8, arbitrary: json },
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: rawJson },
  ];
  return fc.oneof(...(takesFile ? [...kinds, { weight: 6, arbitrary: file }] : kinds));
}

/** A hostile request for one route of the table (`:id`-like segments get ids). */
export function requestFor(
  route: FuzzRoute,
  ctx: FuzzContext,
  headers: Record<string, string>,
): fc.Arbitrary<FuzzRequest> {
  const segments = route.url.split("/").map((segment) => {
    if (!segment.startsWith(":")) return fc.constant(segment);
    return segmentFor(segment.slice(1), route, ctx);
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
