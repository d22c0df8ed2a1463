/**
 * How much of an upload has been handed to the network so far. `totalBytes`
 * is null when the size is not known in advance (a pipe, a generated stream).
 */
export interface UploadProgress {
  bytesSent: number;
  totalBytes: number | null;
}

/** Called as an upload advances, with strictly increasing `bytesSent`. */
export type UploadProgressListener = (progress: UploadProgress) => void;
