import type { DoctorReport } from '../../../src-shared/contract/diagnostics-commands.js';
import { runDoctor } from '../../diagnostics/doctor.js';
import type { CliCommand, CliContext } from '../cli-command.js';
import { cliDoctorDeps } from './doctor-deps.js';

const label = { ok: '[  OK  ]', warn: '[CẢNH BÁO]', fail: '[ LỖI  ]', skip: '[BỎ QUA]' } as const;

function print(report: DoctorReport, ctx: CliContext): void {
  for (const c of report.checks) {
    ctx.out(`${label[c.status]} ${c.title}: ${c.detail}`);
    if (c.fix) ctx.out(`           → Cách khắc phục: ${c.fix}`);
  }
  ctx.out(
    report.ok
      ? 'Không có vấn đề nào. (No problems found.)'
      : `Có ${report.problems} vấn đề cần xử lý. (${report.problems} problem${report.problems === 1 ? '' : 's'} found.)`,
  );
}

/** The doctor's report from the command line (the support bundle runs it too). */
export async function doctorReport(ctx: CliContext, quick: boolean): Promise<DoctorReport> {
  const { deps, close } = cliDoctorDeps(ctx);
  try {
    return await runDoctor(deps, { quick });
  } finally {
    await close();
  }
}

const run: CliCommand['run'] = async (values, _positionals, ctx) => {
  const report = await doctorReport(ctx, values.quick === true);
  if (values.json) ctx.out(JSON.stringify(report, null, 2));
  else print(report, ctx);
  return report.ok ? 0 : 1;
};

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: {
    vi: 'Kiểm tra toàn bộ máy: phiên bản, cơ sở dữ liệu, ổ đĩa, kho ảnh, máy quét, OCR, máy chủ, đồng hồ, đồng bộ, sao lưu (mã thoát 0 = không có vấn đề)',
    en: 'Check the whole desk: versions, database, disk, page store, scanner, OCR, server, clock, sync, backup (exit 0 = no problems)',
  },
  usage: '[--json] [--quick]',
  options: { json: { type: 'boolean' }, quick: { type: 'boolean' } },
  run,
};

/** The older name, kept for IT's scripts: the same report. */
export const diagnosticsCommand: CliCommand = {
  ...doctorCommand,
  name: 'diagnostics',
  summary: { vi: 'Như "tiepnhan doctor" (tên cũ)', en: 'Same as "tiepnhan doctor" (former name)' },
};
