-- Seed data, version 2: the common commune-level procedures, the dossier code format and
-- the public-holiday calendar 2025–2027. Data only, no schema. Everything here is dated
-- configuration (DOMAIN.md): a later rule is a new row with a later valid_from.
--
-- [check] marks values not confirmed against the legal text or the city's published
-- procedure list; they are configurable (admins edit holidays via calendar.saveHolidays;
-- procedures get a new dated row in a later migration).
--
-- components: [{name, defaultKind: original|certified_copy|photocopy, defaultQuantity, required}]
-- "Giấy tờ tùy thân" that are only shown (xuất trình), not handed in, are not required
-- components: the clerk ticks them when a copy is kept.
-- fee: {kind:'none'} | {kind:'flat', amount} | {kind:'per_page_tiered', firstPages,
--      firstPagePrice, nextPagePrice, capPerCopy} — amounts in VND.

INSERT INTO procedures (code, valid_from, valid_to, name, category, processing_days, counts_pages, components, fee) VALUES
-- Civil status (Luật Hộ tịch 2014, Nghị định 123/2015). Fees: birth, death (on time) and
-- domestic marriage registration are exempt (Luật Hộ tịch Art. 11); other civil-status
-- fees are set by each provincial People's Council [check: the city's resolution].
('1.001193', '2025-07-01', NULL, 'Đăng ký khai sinh', 'civil_status', 0, 0,
 '[{"name":"Tờ khai đăng ký khai sinh","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Giấy chứng sinh","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Giấy chứng nhận kết hôn của cha mẹ (nếu có)","defaultKind":"photocopy","defaultQuantity":1,"required":false},
   {"name":"Văn bản ủy quyền (nếu nộp thay)","defaultKind":"original","defaultQuantity":1,"required":false}]',
 '{"kind":"none"}'),
-- Immediate; up to 5 working days when verification is needed (the clerk then edits the draft's procedure time [check]).
('1.000894', '2025-07-01', NULL, 'Đăng ký kết hôn', 'civil_status', 0, 0,
 '[{"name":"Tờ khai đăng ký kết hôn","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Giấy xác nhận tình trạng hôn nhân (nếu đăng ký thường trú nơi khác)","defaultKind":"original","defaultQuantity":1,"required":false},
   {"name":"Trích lục ghi chú ly hôn (nếu đã ly hôn ở nước ngoài)","defaultKind":"certified_copy","defaultQuantity":1,"required":false}]',
 '{"kind":"none"}'),
('1.000656', '2025-07-01', NULL, 'Đăng ký khai tử', 'civil_status', 0, 0,
 '[{"name":"Tờ khai đăng ký khai tử","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Văn bản ủy quyền (nếu nộp thay)","defaultKind":"original","defaultQuantity":1,"required":false}]',
 '{"kind":"none"}'),
-- [check] 3 working days (DOMAIN.md marks it unconfirmed).
('1.004873', '2025-07-01', NULL, 'Cấp Giấy xác nhận tình trạng hôn nhân', 'civil_status', 3, 0,
 '[{"name":"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Giấy tờ chứng minh đã ly hôn hoặc vợ/chồng đã chết (nếu có)","defaultKind":"certified_copy","defaultQuantity":1,"required":false},
   {"name":"Giấy xác nhận tình trạng hôn nhân đã cấp trước đây (nếu xin cấp lại)","defaultKind":"original","defaultQuantity":1,"required":false}]',
 '{"kind":"none"}'),
-- 3 working days, +5 when verification is needed.
('1.001022', '2025-07-01', NULL, 'Đăng ký nhận cha, mẹ, con', 'civil_status', 3, 0,
 '[{"name":"Tờ khai đăng ký nhận cha, mẹ, con","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Chứng cứ chứng minh quan hệ cha, mẹ, con (văn bản giám định ADN hoặc giấy tờ tương đương)","defaultKind":"original","defaultQuantity":1,"required":true}]',
 '{"kind":"none"}'),
-- [check] 5 working days (Nghị định 123/2015 Art. 26).
('1.004884', '2025-07-01', NULL, 'Đăng ký lại khai sinh', 'civil_status', 5, 0,
 '[{"name":"Tờ khai đăng ký lại khai sinh","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Bản sao Giấy khai sinh hoặc giấy tờ có thông tin khai sinh (nếu có)","defaultKind":"photocopy","defaultQuantity":1,"required":false},
   {"name":"Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không lưu giữ được bản chính","defaultKind":"original","defaultQuantity":1,"required":false}]',
 '{"kind":"none"}'),
-- [check] 3 working days (Luật Hộ tịch Art. 28); supplementing information is same day.
('1.004859', '2025-07-01', NULL, 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'civil_status', 3, 0,
 '[{"name":"Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung","defaultKind":"certified_copy","defaultQuantity":1,"required":true},
   {"name":"Bản chính giấy tờ hộ tịch cần thay đổi, cải chính","defaultKind":"original","defaultQuantity":1,"required":false}]',
 '{"kind":"none"}'),
-- [check] 8,000 VND per copy of an extract (Thông tư 281/2016/TT-BTC); charged flat per dossier here.
('2.000635', '2025-07-01', NULL, 'Cấp bản sao Trích lục hộ tịch', 'civil_status', 0, 0,
 '[{"name":"Tờ khai cấp bản sao trích lục hộ tịch","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Văn bản ủy quyền (nếu yêu cầu thay)","defaultKind":"original","defaultQuantity":1,"required":false}]',
 '{"kind":"flat","amount":8000}'),
-- Certification (Nghị định 23/2015). Same day; after 15:00 the next working day (the
-- cutoff rule handles that). Fee per Thông tư 226/2016/TT-BTC: 2,000 VND/page for the
-- first two pages, 1,000 VND/page from the third, at most 200,000 VND per copy [check the
-- cap and whether a 2025 fee circular changed it].
('2.000815', '2025-07-01', NULL, 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'certification', 0, 1,
 '[{"name":"Bản chính giấy tờ, văn bản","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Bản sao cần chứng thực","defaultKind":"photocopy","defaultQuantity":1,"required":true}]',
 '{"kind":"per_page_tiered","firstPages":2,"firstPagePrice":2000,"nextPagePrice":1000,"capPerCopy":200000}'),
-- 10,000 VND per case (Thông tư 226/2016/TT-BTC) [check].
('2.000884', '2025-07-01', NULL, 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'certification', 0, 0,
 '[{"name":"Giấy tờ, văn bản cần chứng thực chữ ký","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Bản sao giấy tờ tùy thân của người yêu cầu chứng thực","defaultKind":"photocopy","defaultQuantity":1,"required":false}]',
 '{"kind":"flat","amount":10000}'),
-- [check] processing time (same day when the register is kept at the commune) and fee.
('2.000908', '2025-07-01', NULL, 'Cấp bản sao từ sổ gốc', 'certification', 0, 0,
 '[{"name":"Văn bản yêu cầu cấp bản sao từ sổ gốc","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Giấy tờ chứng minh quan hệ với người được cấp bản chính (nếu yêu cầu thay)","defaultKind":"photocopy","defaultQuantity":1,"required":false}]',
 '{"kind":"none"}'),
-- 3 working days (Nghị định 01/2021 Art. 88); fee set by the province [check: 100,000 VND].
('1.001612', '2025-07-01', NULL, 'Đăng ký thành lập hộ kinh doanh', 'business', 3, 0,
 '[{"name":"Giấy đề nghị đăng ký hộ kinh doanh","defaultKind":"original","defaultQuantity":1,"required":true},
   {"name":"Bản sao giấy tờ pháp lý của cá nhân (chủ hộ kinh doanh, thành viên hộ gia đình)","defaultKind":"photocopy","defaultQuantity":1,"required":true},
   {"name":"Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (nếu có)","defaultKind":"photocopy","defaultQuantity":1,"required":false},
   {"name":"Văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh (nếu có)","defaultKind":"photocopy","defaultQuantity":1,"required":false}]',
 '{"kind":"flat","amount":100000}');

-- Dossier code formats (see src-shared/domain/dossier-code.ts for the tokens and the
-- desk-slot scheme that keeps offline desks from colliding).
INSERT INTO code_formats (valid_from, template, note) VALUES
('2018-01-01', '{unit}-{yymmdd}-{seq4}', 'Thông tư 01/2018/TT-VPCP, Điều 19: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX');
-- Circular 04/2025/TT-VPCP (from 2026-01-25) reportedly shows MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX
-- for nationally centralised services. Not seeded: the unit-code order and the meaning of
-- AA are not confirmed, and commune procedures keep the Art. 19 form [check]. When
-- confirmed it becomes one row, e.g.
-- ('2026-01-25', '{unit}-{yymmdd}-{aa}{seq4}', 'Thông tư 04/2025/TT-VPCP') plus the {aa} token.

-- Public holidays for civil servants (Labour Code 2019 Art. 112, Decree 145/2020) and the
-- Prime Minister's yearly swaps. 'holiday' = a weekday off; 'working' = a Saturday worked
-- to compensate a bridge day. Weekend days inside a holiday are off anyway and not listed.
INSERT INTO holidays (date, name, kind) VALUES
-- 2025
('2025-01-01', 'Tết Dương lịch', 'holiday'),
('2025-01-27', 'Tết Nguyên đán (28 tháng Chạp)', 'holiday'),
('2025-01-28', 'Tết Nguyên đán (29 tháng Chạp)', 'holiday'),
('2025-01-29', 'Tết Nguyên đán (Mùng 1)', 'holiday'),
('2025-01-30', 'Tết Nguyên đán (Mùng 2)', 'holiday'),
('2025-01-31', 'Tết Nguyên đán (Mùng 3)', 'holiday'),
('2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'holiday'),
('2025-04-26', 'Làm bù cho ngày nghỉ 02/5/2025', 'working'),
('2025-04-30', 'Ngày Chiến thắng', 'holiday'),
('2025-05-01', 'Ngày Quốc tế Lao động', 'holiday'),
('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)', 'holiday'),
('2025-09-01', 'Quốc khánh (ngày liền kề)', 'holiday'),
('2025-09-02', 'Quốc khánh', 'holiday'),
-- 2026 [check: from the Prime Minister's 2026 notice; no swap for 1/1 known]
('2026-01-01', 'Tết Dương lịch', 'holiday'),
-- Tết Bính Ngọ: Mùng 1 = 17/2/2026; off 14/2–22/2 [check]
('2026-02-16', 'Tết Nguyên đán (29 tháng Chạp)', 'holiday'),
('2026-02-17', 'Tết Nguyên đán (Mùng 1)', 'holiday'),
('2026-02-18', 'Tết Nguyên đán (Mùng 2)', 'holiday'),
('2026-02-19', 'Tết Nguyên đán (Mùng 3)', 'holiday'),
('2026-02-20', 'Tết Nguyên đán (Mùng 4)', 'holiday'),
-- 10/3 âm lịch falls on Sunday 26/4/2026: compensatory Monday [check]
('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)', 'holiday'),
('2026-04-30', 'Ngày Chiến thắng', 'holiday'),
('2026-05-01', 'Ngày Quốc tế Lao động', 'holiday'),
-- the adjacent day may be 1/9 or 3/9 [check]
('2026-09-01', 'Quốc khánh (ngày liền kề)', 'holiday'),
('2026-09-02', 'Quốc khánh', 'holiday'),
-- 2027 [check: all; the yearly notice was not published when this was seeded]
('2027-01-01', 'Tết Dương lịch', 'holiday'),
-- Tết Đinh Mùi: Mùng 1 = 6/2/2027 (Saturday) [check the days chosen]
('2027-02-04', 'Tết Nguyên đán (28 tháng Chạp)', 'holiday'),
('2027-02-05', 'Tết Nguyên đán (29 tháng Chạp)', 'holiday'),
('2027-02-08', 'Tết Nguyên đán (Mùng 3)', 'holiday'),
('2027-02-09', 'Tết Nguyên đán (Mùng 4)', 'holiday'),
('2027-02-10', 'Tết Nguyên đán (Mùng 5, nghỉ bù)', 'holiday'),
-- 10/3 âm lịch = 16/4/2027 (Friday) [check]
('2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'holiday'),
('2027-04-30', 'Ngày Chiến thắng', 'holiday'),
-- 1/5/2027 is a Saturday: compensatory Monday [check]
('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (1/5 là thứ Bảy)', 'holiday'),
('2027-09-02', 'Quốc khánh', 'holiday'),
('2027-09-03', 'Quốc khánh (ngày liền kề)', 'holiday');
