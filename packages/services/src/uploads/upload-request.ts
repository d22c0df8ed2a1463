import type { Readable } from 'node:stream';

/** One upload as the REST layer hands it over, before a byte of the body was read. */
export interface UploadRequest {
  connector: string;
  /** The `X-Conn-File-Name` header as sent (percent-encoded), if any. */
  fileNameHeader: string | undefined;
  /** The body's declared Content-Length, or null for a chunked body. */
  declaredBytes: number | null;
  /** The raw body, unread. */
  body: Readable;
}
