// The files module's public face: what the app and other modules may use of it.
export { ACCEPTED_LIST, MAX_FILE_MB, checkUpload, cleanFileName } from './check.ts';
export type { CheckedFile, Upload } from './check.ts';
export { acceptUploads, csrfPasses, fieldOf, filesOf, sendFile } from './http.ts';
export type { MultipartBody } from './http.ts';
export { readFile, saveFile } from './repository.ts';
export type { FileTables } from './tables.ts';
