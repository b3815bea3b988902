/*
 * --output-file: checked before any API call (a missing folder, a folder given as the file, a
 * path we may not write end the run with exit 2 and the fix), and written at the end with an
 * actionable error that the command prints after the finished report.
 */
import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Messages, SfError } from '@salesforce/core';
import { USAGE_EXIT_CODE } from './exitCodes.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@code42-companion/plugin-code42', 'code42.errors');

const codeOf = (error: unknown): string => (error as { code?: string }).code ?? (error as Error).message ?? String(error);

/** Throws (exit 2) unless `file` can be created or overwritten. Touches nothing. */
export async function checkOutputTarget(file: string, flag = '--output-file'): Promise<void> {
  const target = resolve(file);
  const existing = await stat(target).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw messages.createError('error.OutputNotWritable', [flag, file, codeOf(error)], [], USAGE_EXIT_CODE);
  });
  if (existing?.isDirectory()) {
    throw messages.createError('error.OutputIsFolder', [flag, file], [flag, file.replace(/[\\/]+$/, '')], USAGE_EXIT_CODE);
  }
  if (existing) {
    await access(target, constants.W_OK).catch((error: unknown) => {
      throw messages.createError('error.OutputNotWritable', [flag, file, codeOf(error)], [], USAGE_EXIT_CODE);
    });
    return;
  }
  const folder = dirname(target);
  const parent = await stat(folder).catch(() => undefined);
  if (!parent?.isDirectory()) {
    throw messages.createError('error.OutputFolderMissing', [flag, file, folder], [folder], USAGE_EXIT_CODE);
  }
  await access(folder, constants.W_OK | constants.X_OK).catch((error: unknown) => {
    throw messages.createError('error.OutputNotWritable', [flag, file, codeOf(error)], [], USAGE_EXIT_CODE);
  });
}

/** The error for a write that failed at the end (the report is printed before it). */
export function outputWriteError(file: string, error: unknown): SfError {
  return messages.createError('error.OutputWriteFailed', [file, codeOf(error)]);
}

/** Write text to `file`, turning a failure into {@link outputWriteError}. */
export async function writeOutputFile(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text, 'utf8');
  } catch (error) {
    throw outputWriteError(file, error);
  }
}
