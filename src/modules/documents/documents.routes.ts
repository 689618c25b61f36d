// HTTP: forms 01–06 and the register (07) as PDF, uploads (multipart, streamed), downloads, result
// documents, signature verification, the citizen's online copy, form templates.
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { PUBLIC_LOOKUP_LIMIT } from '../../platform/http/rate-limit.js';
import { originOf } from '../../platform/audit.js';
import * as svc from './documents.service.js';
import { contentDisposition } from './sniff.js';
import { firstFile, uploadFaults } from './multipart.js';
import { documentErrors } from './documents.errors.js';
import {
  DossierRef, FileParams, FormHeaders, FormParams, PublicFileParams, PublicFileQuery, RegisterParams, RegisterQuery,
  ResultDocumentBody, TemplateBody, TemplateParams, TemplateQuery, VerifyOut, VerifyQuery,
} from './documents.schema.js';
import { ProblemOut } from '../../platform/http/problem.schema.js';

const bool = (v: string | undefined) => (v === undefined ? undefined : v === 'true' || v === '1');
const PURPOSES = ['component', 'supplement', 'result', 'other'] as const;

/** The single file part of a multipart request, with the text fields sent before it. */
async function filePart(req: FastifyRequest): Promise<{ src: svc.UploadSource; fields: svc.UploadFields }> {
  if (!req.isMultipart()) throw documentErrors.MULTIPART_REQUIRED();
  const data = await firstFile(req);
  if (!data) throw documentErrors.FILE_REQUIRED({}, { errors: [{ path: 'body.file', code: 'FILE_REQUIRED' }] });
  const f: Record<string, string> = {};
  for (const [k, v] of Object.entries(data.fields)) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one && one.type === 'field' && typeof one.value === 'string') f[k] = one.value.slice(0, 500);
  }
  const purpose = f.purpose && (PURPOSES as readonly string[]).includes(f.purpose) ? (f.purpose as svc.UploadFields['purpose']) : undefined;
  if (f.purpose && !purpose) {
    data.file.resume();
    throw new AppError(400, 'VALIDATION_FAILED', {}, { errors: [{ path: 'body.purpose', code: 'ENUM', message: PURPOSES.join(', ') }] });
  }
  return {
    src: { stream: data.file, filename: data.filename, declaredType: data.mimetype },
    fields: {
      purpose,
      componentId: f.componentId || undefined,
      componentName: f.componentName || undefined,
      digitised: bool(f.digitised),
      reusedFrom: f.reusedFrom || undefined,
      fromCitizenStore: bool(f.fromCitizenStore),
    },
  };
}

function sendPdf(reply: FastifyReply, r: { pdf: Buffer; fileName: string }) {
  return reply
    .type('application/pdf')
    .header('content-disposition', contentDisposition(r.fileName, true))
    .header('cache-control', 'no-store')
    .send(r.pdf);
}

function sendFile(reply: FastifyReply, r: { file: { name: string; media_type: string; size: number; sha256: string }; stream: NodeJS.ReadableStream }) {
  return reply
    .type(r.file.media_type)
    .header('content-length', String(r.file.size))
    .header('content-disposition', contentDisposition(r.file.name))
    .header('x-content-type-options', 'nosniff')
    .header('etag', `"${r.file.sha256}"`)
    .header('digest', `sha-256=${Buffer.from(r.file.sha256, 'hex').toString('base64')}`)
    .header('cache-control', 'private, no-store')
    .send(r.stream);
}

const multipartBody = {
  consumes: ['multipart/form-data'],
};

export function documentRoutes(app: App, ctx: AppContext): void {
  app.register(async (scope: App) => {
    await scope.register(multipart, {
      // the service enforces the exact limit while streaming; this only bounds what busboy buffers
      limits: { fileSize: ctx.config.maxFileBytes + 1, files: 1, fields: 20, fieldSize: 1000, parts: 25 },
    });

    scope.get('/api/v1/dossiers/:code/forms/:form.pdf', {
      schema: {
        tags: ['documents'],
        summary: 'Biểu mẫu 01–06 (PDF) / forms 01–06 as PDF',
        description:
          '01 receipt (QR with the receipt secret when X-Receipt-Secret carries the secret returned at reception; ' +
          'the secret is verified against its hash and never stored), 02 completion/supplement request, 03 refusal, ' +
          '04 apology and extension, 05 stop notice, 06 process-control slip. 409 when the dossier has no data for the form.',
        params: FormParams,
        headers: FormHeaders,
      },
    }, async (req, reply) => {
      const secret = req.headers['x-receipt-secret'];
      const r = await svc.renderDossierForm(ctx, requirePrincipal(req), req.params.code, req.params.form, { secret: typeof secret === 'string' ? secret : undefined });
      return sendPdf(reply, r);
    });

    scope.get('/api/v1/agencies/:code/register.pdf', {
      schema: { tags: ['documents'], summary: 'Sổ theo dõi hồ sơ (mẫu 07) / dossier register', params: RegisterParams, querystring: RegisterQuery },
    }, async (req, reply) => sendPdf(reply, await svc.renderRegister(ctx, requirePrincipal(req), req.params.code, req.query.from, req.query.to)));

    scope.post('/api/v1/dossiers/:code/files', {
      schema: {
        tags: ['documents'],
        summary: 'Tải tệp lên hồ sơ / upload a file to a dossier',
        description:
          'multipart/form-data; text fields first (purpose=component|supplement|result|other, componentId, componentName, ' +
          'digitised, reusedFrom, fromCitizenStore), then one part `file`. Type by content (PDF, JPEG, PNG, DOC/DOCX, XLS/XLSX) → 415; ' +
          'active PDF content, HTML/program polyglots, unsafe DOCX/XLSX archives → 422; size per file and per dossier → 413. Reference the returned id in the action that attaches it (fileIds / documents[].fileId).',
        params: DossierRef,
        ...multipartBody,
      },
    }, async (req, reply) => {
      const p = requirePrincipal(req);
      const out = await uploadFaults(async () => {
        const { src, fields } = await filePart(req);
        return svc.uploadToDossier(ctx, p, req.params.code, src, fields, originOf(req));
      });
      return reply.status(201).send(out);
    });

    scope.post('/api/v1/files', {
      schema: {
        tags: ['documents'],
        summary: 'Tải tệp trước khi tiếp nhận / stage a file before reception',
        description: 'Reception officials only; the file is visible to its uploader until the reception that references it (components[].fileId).',
        ...multipartBody,
      },
    }, async (req, reply) => {
      const p = requirePrincipal(req);
      const out = await uploadFaults(async () => {
        const { src, fields } = await filePart(req);
        return svc.uploadStaged(ctx, p, src, fields, originOf(req));
      });
      return reply.status(201).send(out);
    });

    scope.get('/api/v1/dossiers/:code/files', {
      schema: { tags: ['documents'], summary: 'Tệp, kết quả và cờ số hóa của hồ sơ / files, results, digitisation flags', params: DossierRef },
    }, async (req) => svc.listDossierFiles(ctx, requirePrincipal(req), req.params.code));

    scope.get('/api/v1/files/:id', {
      schema: { tags: ['documents'], summary: 'Tải tệp về / download (same scope as the dossier; 404 outside)', params: FileParams },
    }, async (req, reply) => sendFile(reply, await svc.openFile(ctx, requirePrincipal(req), req.params.id)));

    scope.post('/api/v1/dossiers/:code/results', {
      schema: {
        tags: ['documents'],
        summary: 'Văn bản kết quả / register a result document',
        description: 'Number, date, signer, issuing agency, result code and an uploaded file; PDFs are signed with the agency certificate when configured (a new signed file). Then reference file.id in record_result documents[].fileId.',
        params: DossierRef,
        body: ResultDocumentBody,
      },
    }, async (req, reply) => reply.status(201).send(await svc.createResultDocument(ctx, requirePrincipal(req), req.params.code, req.body, originOf(req))));

    scope.post('/api/v1/files/verify-signature', {
      schema: {
        tags: ['documents'],
        summary: 'Kiểm tra chữ ký số PDF / verify PDF signatures',
        description: 'multipart/form-data with one PDF part. Reports signer, signing time, integrity, whether the file changed after signing, and trust (MOTCUA_TRUSTED_CA). Nothing is stored.',
        ...multipartBody,
      },
    }, async (req) => {
      requirePrincipal(req);
      return uploadFaults(async () => svc.verifyUploadedSignature(ctx, (await filePart(req)).src));
    });

    scope.get('/api/v1/public/dossiers/:code/results/:fileId', {
      schema: {
        tags: ['public'],
        summary: 'Bản điện tử kết quả cho công dân / citizen online copy',
        description: 'With the receipt secret; only result files of dossiers whose delivery choice is online. Same 404 for every refusal.',
        params: PublicFileParams,
        querystring: PublicFileQuery,
      },
      config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
    }, async (req, reply) => sendFile(reply, await svc.openPublicResult(ctx, req.params.code, req.query.secret, req.params.fileId)));

    scope.get('/api/v1/public/verify', {
      schema: {
        tags: ['public'],
        summary: 'Xác thực văn bản điện tử theo mã băm / verify an electronic document by its hash',
        description: 'SHA-256 (64 hex digits) of a file: whether it is an electronic result issued by this system — dossier code, procedure, issuing agency, number, date (dd/mm/yyyy), the signer when digitally signed; nothing personal. 400 SHA256_INVALID on query.sha256; 404 VERIFY_NOT_FOUND.',
        querystring: VerifyQuery,
        response: { 200: VerifyOut, 400: ProblemOut, 404: ProblemOut },
      },
      config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
    }, async (req) => svc.verifyDocument(ctx, req.query.sha256));

    scope.get('/api/v1/form-templates', {
      schema: { tags: ['documents'], summary: 'Mẫu biểu (các phiên bản) / form templates', querystring: TemplateQuery },
    }, async (req) => {
      requirePrincipal(req);
      return svc.listFormTemplates(ctx, req.query.form);
    });

    scope.post('/api/v1/form-templates/:form', {
      schema: {
        tags: ['documents'],
        summary: 'Phiên bản mẫu biểu mới / new template version',
        description: 'Province-level procedure.manage. Dossiers print with the highest version in force on their reception date.',
        params: TemplateParams,
        body: TemplateBody,
      },
    }, async (req, reply) => reply.status(201).send(await svc.createFormTemplateVersion(ctx, requirePrincipal(req), req.params.form, req.body, originOf(req))));
  });
}
