import { describe, expect, it } from 'vitest';
import { extractDates, extractIdNumbers } from '../../src-shared/text/extract-fields.js';

describe('ID numbers in OCR text', () => {
  it('finds valid 12-digit CCCD numbers, also when OCR split them with spaces or dots', () => {
    const text = 'Số định danh: 079085001234. CCCD số 001 190 012 345 cấp ngày ...; mã 074.2.95.123456';
    expect(extractIdNumbers(text).map((f) => f.value)).toEqual(['079085001234', '001190012345', '074295123456']);
    expect(extractIdNumbers(text)[0]!.info).toMatchObject({ kind: 'cccd', provinceName: 'Hồ Chí Minh', sex: 'male', birthYear: 1985 });
  });

  it('accepts 9-digit legacy CMND numbers and refuses wrong lengths, unknown provinces and digits glued to letters', () => {
    expect(extractIdNumbers('CMND 023456789').map((f) => f.value)).toEqual(['023456789']);
    expect(extractIdNumbers('999085001234 07908500123 0790850012345 A079085001234 điện thoại 0912345678')).toEqual([]);
  });

  it('reports each number once', () => {
    expect(extractIdNumbers('079085001234 và 079 085 001 234')).toHaveLength(1);
  });
});

describe('dates in OCR text', () => {
  it('reads dd/mm/yyyy (also - and .) and the spelled-out Vietnamese form, as ISO dates in order', () => {
    const text = 'Sinh ngày 05/09/1990, cấp ngày 12 tháng 3 năm 2021 tại Bình Dương; hết hạn 5-9-2030; ghi 1.1.2000';
    expect(extractDates(text).map((d) => d.iso)).toEqual(['1990-09-05', '2021-03-12', '2030-09-05', '2000-01-01']);
  });

  it('refuses dates that do not exist and years out of range', () => {
    expect(extractDates('31/02/2020 29/02/2021 12/13/2020 01/01/1850 00/01/2000')).toEqual([]);
    expect(extractDates('29/02/2024').map((d) => d.iso)).toEqual(['2024-02-29']);
  });
});
