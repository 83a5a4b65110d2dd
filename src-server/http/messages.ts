/** Vietnamese messages of the server's error envelopes (the desk shows them to the clerk). */
export const messages = {
  validation: 'Dữ liệu gửi lên không hợp lệ.',
  malformedJson: 'Nội dung gửi lên không phải JSON hợp lệ.',
  tooLarge: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.',
  unsupportedMedia: 'Kiểu nội dung không được hỗ trợ.',
  unauthenticated: 'Thiết bị chưa được xác thực hoặc đã bị thu hồi.',
  adminUnauthenticated: 'Cần mã quản trị hợp lệ.',
  forbidden: 'Không được phép truy cập hồ sơ của điểm tiếp nhận khác.',
  notFound: 'Không tìm thấy.',
  enrollmentInvalid: 'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.',
  slotsExhausted: 'Điểm tiếp nhận đã đủ số máy được đăng ký; hãy thu hồi một máy cũ trước.',
  agencyCodeTaken: 'Mã cơ quan này đã có điểm tiếp nhận.',
  branchCodeTaken: 'Mã chi nhánh này đã tồn tại.',
  hashMismatch: 'Mã băm SHA-256 của tệp không khớp; tệp không được lưu.',
  dossierDeleted: 'Hồ sơ đã bị xoá ở điểm tiếp nhận.',
  internal: 'Lỗi máy chủ; vui lòng thử lại sau.',
} as const;
