// The notices module's public face: what the app and other modules may use of it.
export { createNoticeRepository } from './repository.ts';
export { createNoticeService } from './service.ts';
export { noticeJobs } from './jobs.ts';
