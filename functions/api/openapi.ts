// The OpenAPI 3.1 document, generated (zod-openapi) from the contract (functions/contract/operations.ts: each
// route's handler, whether it needs a token, what it does, who may call it, the zod schemas of bodies
// and answers). Served at GET /api/openapi.json; docs/API.md is rendered
// from it (npm run api:doc); the integration tests validate every answer they receive against it.
import * as z from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { CONTRACT, errorBody, FAILURES, routesOf, WHO, type Answer, type Operation } from './contract.js';
import { routeKey, type Route } from './routes.js';

const TAGS: Record<Operation['tag'], [zh: string, en: string]> = {
  dashboard: ['覆盖率与走势', 'Coverage and trends'],
  teams: ['队伍', 'Teams'],
  files: ['模板、导入与导出', 'Templates, imports and exports'],
  reports: ['月报报送', 'Monthly reporting'],
  standards: ['建设标准', 'Standards'],
  registry: ['社区名录', 'The community registry'],
  annual: ['年度总结', 'Yearly summaries'],
  verification: ['督导检查与抽查', 'Verification campaigns'],
  mail: ['月报邮件', 'Monthly emails'],
  system: ['系统', 'System'],
};

const FILES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  html: 'text/html',
} as const;

const both = ([zh, en]: [string, string]) => `${zh} / ${en}`;
const bytes = z.string().meta({ description: '文件内容 / the file' });

function answer(status: number, a: Answer) {
  if (typeof a === 'string') return { description: both(['文件', 'A file']), content: { [FILES[a]]: { schema: bytes } } };
  // JSON, or (as the request asks) the same answer as a file.
  if (Array.isArray(a))
    return {
      description: both(['成功（JSON，或按请求为文件）', 'OK (JSON, or a file when asked)']),
      content: { 'application/json': { schema: a[0] }, [FILES[a[1]]]: { schema: bytes } },
    };
  return {
    description: status === 201 ? both(['已新建', 'Created']) : both(['成功', 'OK']),
    content: { 'application/json': { schema: a } },
  };
}

const retryAfter = z.object({ 'Retry-After': z.string().meta({ description: '几秒后重试 / seconds to wait before retrying' }) });
const failure = (status: number) => ({
  description: both(FAILURES[status]),
  content: { 'application/json': { schema: errorBody } },
  ...(status === 503 || status === 429 ? { headers: retryAfter } : status === 409 ? { headers: retryAfter.partial() } : {}),
});
/** Answers that are a versioned record carry its version as the ETag (send it back in If-Match). */
const etag = z.object({ ETag: z.string().meta({ description: '版本号，更新时放入 If-Match / the version, for If-Match' }) });

/** The operation id a generated client would name: GET /api/counties/{code}/team → getCountiesCodeTeam. */
function operationId(route: Route): string {
  const words = route.path
    .replace(/^\/api\//, '')
    .split(/[/.{}-]+/)
    .filter(Boolean);
  return route.method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function operation(route: Route, op: Operation): ZodOpenApiOperationObject {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const described = (entries: Record<string, [string, string]> = {}) =>
    z.object(
      Object.fromEntries(
        Object.entries(entries).map(([k, v]) => [
          k,
          z
            .string()
            .optional()
            .meta({ description: both(v) }),
        ]),
      ),
    );
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, a] of Object.entries(op.answers))
    responses[status as '200'] = { ...answer(Number(status), a), ...(op.etag ? { headers: etag } : {}) };
  // A JSON body past 64 KB or an upload past its limit is a 413 on any route that takes one.
  const also = new Set([...(op.also ?? []), ...(op.body === undefined ? [] : [413 as const])]);
  const statuses = route.auth ? [400, 401, 403, 404, ...also, 500, 503] : [500];
  for (const s of statuses.sort()) responses[String(s) as '400'] = failure(s);
  const body =
    op.body === undefined
      ? undefined
      : op.body === 'file' || op.body === 'file-or-json'
        ? {
            content: {
              [FILES.xlsx]: { schema: bytes },
              'text/csv': { schema: bytes },
              'multipart/form-data': {
                schema: z.object({ file: bytes }).meta({ description: both(['表单的 file 字段', "the form's file field"]) }),
              },
              ...(op.body === 'file-or-json' ? { 'application/json': { schema: z.looseObject({}) } } : {}),
            },
          }
        : { content: { 'application/json': { schema: op.body } } };
  return {
    operationId: operationId(route),
    tags: [op.tag],
    summary: both(op.summary),
    description: `可调用 / Who: ${both([...WHO[op.who]])}`,
    security: route.auth ? [{ bearer: [] }] : [],
    requestParams: {
      ...(names.length ? { path: z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.headers ? { header: described(op.headers) } : {}),
    },
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

export function buildOpenApiDocument(): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routesOf(CONTRACT)) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route, CONTRACT[routeKey(route)]) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: '社区应急响应队建设跟踪 API / Community response teams tracker API',
      version: '1',
      description: both([
        '各县（市、区）提交队伍，计划的主管单位（如自治区，范围 province）与各市查看覆盖率。日期、月份按北京时间。',
        "Counties submit their teams; the programme's root office (e.g. the province, scope province) and the cities watch coverage. Dates and months are Asia/Shanghai.",
      ]),
    },
    tags: Object.entries(TAGS).map(([name, t]) => ({ name, description: both(t) })),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: both([
            'Cognito 或省统一身份认证的访问令牌；范围在 groups 声明中（province、city-4510、county-451026）。一个部署运行多个计划时，主管单位的组写明其范围（province-45），县级计划的主管单位即该县的组（county-331181）；每个令牌只属于一个计划，只读写该计划的数据。',
            "An access token from Cognito or the province's OpenID Connect provider; the scope is in its groups claim (province, city-4510, county-451026). Where a deployment runs several programmes, a root office's group names its area (province-45), and a county programme's root office is that county's group (county-331181); a token belongs to one programme and reads and writes only its records.",
          ]),
        },
      },
    },
    paths,
  });
}

let doc: ReturnType<typeof buildOpenApiDocument> | undefined;
/** Built once per process: the document never changes while a function runs. */
export const openApiDocument = (): ReturnType<typeof buildOpenApiDocument> => (doc ??= buildOpenApiDocument());
