// What the `import-schools` command shows: a progress bar (or plain percentage lines when
// stderr is not a terminal) and the summary. The command itself is wired in src/cli/main.ts.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Presets, SingleBar } from 'cli-progress';
import { GiasFileError } from './gias.ts';
import type { ImportProgress, ImportSummary } from './service.ts';

const number = new Intl.NumberFormat('en-GB');

/** Rejection reasons listed in the summary; the rest are counted. */
export const REJECTIONS_SHOWN = 20;

/** Opens the file to import, or a GiasFileError saying plainly why it cannot be read. */
export async function openGiasFile(file: string): Promise<Readable> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new GiasFileError(`${file} is not a file.`);
  } catch (error) {
    if (error instanceof GiasFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GiasFileError(`There is no file ${file}.`);
    if (code === 'EACCES') throw new GiasFileError(`hubwork may not read ${file} (permission denied).`);
    throw new GiasFileError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return createReadStream(file);
}

export type ProgressReporter = { update: ImportProgress; stop(): void };

/**
 * A cli-progress bar on a terminal; otherwise a plain line at every tenth (for logs and CI).
 * Both write to `stream` (stderr), so stdout carries only the summary.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY) {
    const bar = new SingleBar(
      { stream, format: 'Saving schools [{bar}] {percentage}% | {value}/{total}', hideCursor: true },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`Saving schools: ${tenth * 10}% (${number.format(done)} of ${number.format(total)})\n`);
    },
    stop() {},
  };
}

/** The summary, one line each. */
export function summaryLines(file: string, summary: ImportSummary): string[] {
  const { rejected } = summary;
  const lines = [
    `Imported ${file}: ${number.format(summary.rows)} rows read`,
    `  added:     ${number.format(summary.added)}`,
    `  updated:   ${number.format(summary.updated)}`,
    `  unchanged: ${number.format(summary.unchanged)}`,
    `  rejected:  ${number.format(rejected.length)}`,
  ];
  if (rejected.length) {
    lines.push('Rejected rows (not imported):');
    for (const rejection of rejected.slice(0, REJECTIONS_SHOWN)) lines.push(`  ${rejection.reason}`);
    if (rejected.length > REJECTIONS_SHOWN) lines.push(`  and ${number.format(rejected.length - REJECTIONS_SHOWN)} more`);
  }
  return lines;
}
