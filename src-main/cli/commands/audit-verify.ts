import { existsSync } from 'node:fs';
import { verifyAudit } from '../../audit/audit-log.js';
import { openDatabaseReadOnly } from '../../db/open.js';
import type { CliCommand } from '../cli-command.js';
import { databaseFile } from './database-file.js';

export const auditVerifyCommand: CliCommand = {
  name: 'audit-verify',
  summary: {
    vi: 'Kiểm tra chuỗi băm của nhật ký kiểm toán (mã thoát 0 = nguyên vẹn, 1 = bị sửa)',
    en: 'Verify the audit log hash chain (exit 0 = intact, 1 = tampered)',
  },
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run(values, _positionals, ctx) {
    const file = databaseFile(ctx.dataDir);
    if (!existsSync(file)) {
      ctx.err(`Không có cơ sở dữ liệu tại ${file}. (No database at ${file}.)`);
      return 1;
    }
    const db = openDatabaseReadOnly(file);
    try {
      const result = verifyAudit(db);
      if (values.json) ctx.out(JSON.stringify(result));
      else if (result.valid) ctx.out(`Nhật ký kiểm toán nguyên vẹn: ${result.entries} dòng. (Audit chain intact: ${result.entries} entries.)`);
      else
        ctx.out(
          `Nhật ký kiểm toán bị thay đổi từ dòng số ${result.firstBrokenSeq}. (Audit chain broken at entry ${result.firstBrokenSeq}.)`,
        );
      return result.valid ? 0 : 1;
    } finally {
      db.close();
    }
  },
};
