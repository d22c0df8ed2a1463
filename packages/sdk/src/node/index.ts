/**
 * @conn/sdk/node — Node-only helpers: streaming a file from disk to an
 * upload. The main entry stays free of `node:` imports so browsers can use it.
 */

export { type UploadFileOptions, uploadFile } from './upload-file';
