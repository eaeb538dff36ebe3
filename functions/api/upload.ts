// The uploaded file of an import: raw body with its content type, or the first file of a multipart
// form (with its text fields, e.g. the dry run's baseVersions).
import type busboy from 'busboy';
import { PayloadTooLargeError, ValidationError } from '#core/errors.js';
import { header, type ApiEvent } from './http.js';
import { message } from '#core/messages/index.js';

export interface Upload {
  bytes: Uint8Array;
  fields: Record<string, string>;
}

/** A text field of a form is a small JSON at most. */
const MAX_FIELD_BYTES = 1024 * 1024;

export async function uploadedFile(event: ApiEvent, maxBytes: number): Promise<Upload> {
  const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.length > maxBytes) throw new PayloadTooLargeError(message('upload.tooLarge', { mb: maxBytes / 1024 / 1024 }));
  const type = header(event, 'content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) return { bytes: raw, fields: {} };
  const { default: parseForm } = await import('busboy'); // only uploads need it, not the write function's every start
  return new Promise((resolve, reject) => {
    let file: Buffer | null = null;
    const fields: Record<string, string> = {};
    let parser: busboy.Busboy;
    try {
      parser = parseForm({
        headers: { 'content-type': type },
        limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: MAX_FIELD_BYTES },
      });
    } catch {
      return reject(new ValidationError(message('upload.badForm')));
    }
    parser.on('file', (_name, stream) => {
      const chunks: Buffer[] = [];
      // A form cut off mid-file fails the file stream itself: unheard, that error would end the process.
      stream.on('error', () => reject(new ValidationError(message('upload.cutShort'))));
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => reject(new PayloadTooLargeError(message('upload.tooLarge', { mb: maxBytes / 1024 / 1024 }))));
      stream.on('end', () => {
        file ??= Buffer.concat(chunks);
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) reject(new PayloadTooLargeError(message('upload.fieldTooLarge', { name, kb: MAX_FIELD_BYTES / 1024 })));
      fields[name] = value;
    });
    parser.on('error', () => reject(new ValidationError(message('upload.badForm'))));
    parser.on('close', () => (file ? resolve({ bytes: file, fields }) : reject(new ValidationError(message('upload.noFile')))));
    parser.end(raw);
  });
}
