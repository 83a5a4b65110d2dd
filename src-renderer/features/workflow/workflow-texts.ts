import { registerFeatureTexts } from '../../i18n/feature-texts.js';

/** Texts of assignment and hand-back ('workflow' namespace). Vietnamese first; English has the same keys. */
export const workflowVi = {
  title: 'Xử lý hồ sơ',
  assigned: 'Cán bộ phụ trách',
  reassign: 'Giao cho cán bộ khác',
  reassignTo: 'Giao cho',
  reassignButton: 'Giao',
  reassigned: 'Đã giao hồ sơ cho {{name}}.',
  queues: 'Đang trong hàng đợi',
  noQueue: 'Không trong hàng đợi nào.',
  handBack: 'Trả kết quả cho công dân',
  recipientName: 'Người nhận kết quả',
  recipientIdNumber: 'Số định danh người nhận (nếu có)',
  note: 'Ghi chú',
  handBackButton: 'Xác nhận đã trả kết quả',
  cancel: 'Hủy',
  handedBack: 'Đã trả kết quả ngày {{at}} cho {{name}}, do {{by}} ghi nhận.',
  onTime: 'Đúng hạn.',
  late: 'Trễ hạn.',
  closed: 'Hồ sơ đã đóng.',
};

export const workflowEn: typeof workflowVi = {
  title: 'Handling',
  assigned: 'Clerk in charge',
  reassign: 'Give to another clerk',
  reassignTo: 'Give to',
  reassignButton: 'Give',
  reassigned: 'The dossier is now with {{name}}.',
  queues: 'In the queues',
  noQueue: 'In no queue.',
  handBack: 'Hand the result back to the citizen',
  recipientName: 'Received by',
  recipientIdNumber: "Recipient's ID number (if any)",
  note: 'Note',
  handBackButton: 'Record the hand-back',
  cancel: 'Cancel',
  handedBack: 'Result handed back on {{at}} to {{name}}, recorded by {{by}}.',
  onTime: 'On time.',
  late: 'Late.',
  closed: 'The dossier is closed.',
};

export function ensureWorkflowTexts(): void {
  registerFeatureTexts('workflow', workflowVi, workflowEn);
}
