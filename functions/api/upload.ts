// The uploaded file of an import: raw body with its content type, or the first file of a multipart form.
import busboy from 'busboy';
import { PayloadTooLargeError, ValidationError } from '../core/errors.js';
import { header, type ApiEvent } from './http.js';

export async function uploadedFile(event: ApiEvent, maxBytes: number): Promise<Uint8Array> {
  const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.length > maxBytes) throw new PayloadTooLargeError(`文件超过 ${maxBytes / 1024 / 1024} MB；一个县（区）的模板通常不到 1 MB`);
  const type = header(event, 'content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) return raw;
  return new Promise((resolve, reject) => {
    let file: Buffer | null = null;
    const parser = busboy({ headers: { 'content-type': type }, limits: { files: 1, fileSize: maxBytes } });
    parser.on('file', (_name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => reject(new PayloadTooLargeError(`文件超过 ${maxBytes / 1024 / 1024} MB`)));
      stream.on('end', () => { file ??= Buffer.concat(chunks); });
    });
    parser.on('error', () => reject(new ValidationError('上传内容不是有效的 multipart/form-data')));
    parser.on('close', () => (file ? resolve(file) : reject(new ValidationError('表单中没有文件：请在 file 字段上传模板'))));
    parser.end(raw);
  });
}
