import type { z } from 'zod';
import { fieldMessages } from '../../src-shared/i18n/messages.js';

/** One wrong thing in one config file: which file, which key, what is wrong (Vietnamese, then English). */
export type ConfigProblem = { file: string; key: string | null; message: string };

/**
 * A config file IT wrote wrongly. The message lists every problem of every file (not only the
 * first), each naming its file and key, in Vietnamese and English, so one start tells IT all.
 */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      problems.length === 1
        ? problems[0]!.message
        : [
            `Cấu hình máy có ${problems.length} lỗi, ứng dụng chưa khởi động. (The configuration has ${problems.length} problems; the app did not start.)`,
            ...problems.map((p) => `  • ${p.message}`),
          ].join('\n'),
    );
    this.name = 'ConfigError';
  }

  /** The first wrong key (or null when the file as a whole is wrong). */
  get key(): string | null {
    return this.problems[0]?.key ?? null;
  }
}

const both = (vi: string, en: string) => `${vi} (${en})`;

/** Why a value was refused, in both languages: zod's own messages are English only. */
function why(issue: z.core.$ZodIssue): string {
  // The shared schemas (the reception point) carry message keys with a helpful example.
  const vi = fieldMessages.vi[issue.message];
  const en = fieldMessages.en[issue.message];
  if (vi && en) return both(vi.replace(/\.$/, ''), en.replace(/\.$/, ''));
  switch (issue.code) {
    case 'invalid_type':
      return both(`cần kiểu ${issue.expected}`, `expected ${issue.expected}`);
    case 'too_big':
      return issue.origin === 'string'
        ? both(`dài tối đa ${issue.maximum} ký tự`, `at most ${issue.maximum} characters`)
        : both(`tối đa ${issue.maximum}`, `at most ${issue.maximum}`);
    case 'too_small':
      return issue.origin === 'string'
        ? both(`cần ít nhất ${issue.minimum} ký tự`, `at least ${issue.minimum} characters`)
        : both(`tối thiểu ${issue.minimum}`, `at least ${issue.minimum}`);
    case 'invalid_value':
      return both(`phải là một trong: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, `must be one of these`);
    case 'invalid_format':
      return both('sai định dạng', `invalid ${issue.format}`);
    default:
      // Our own refinements carry bilingual text.
      return issue.message;
  }
}

/** Every problem zod found in one file, one ConfigProblem per key. */
export function describeIssues(file: string, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  return issues.flatMap((issue): ConfigProblem[] => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => {
        const key = [...at, k].join('.');
        return { file, key, message: `${file}: ${both(`khóa không được hỗ trợ "${key}"`, `unknown key "${key}"`)}` };
      });
    }
    const key = at.join('.') || null;
    const where = key ? both(`giá trị của khóa "${key}" không hợp lệ`, `invalid value for key "${key}"`) : both('nội dung không hợp lệ', 'invalid content');
    return [{ file, key, message: `${file}: ${where}: ${why(issue)}` }];
  });
}
