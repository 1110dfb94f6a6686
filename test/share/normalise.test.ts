import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normaliseAccount, normaliseDocument, normaliseName, normalisePhone } from '../../src/share/normalise.js';

describe('identifier normalisation', () => {
  test('names: case, spacing, punctuation, diacritics and token order do not matter', () => {
    const forms = ['Supriyadi Lubis', 'SUPRIYADI LUBIS', '  supriyadi   lubis ', 'Lubis, Supriyadi', 'lubis-supriyadi', 'Lubis Supriyadi.'];
    expect(new Set(forms.map(normaliseName))).toEqual(new Set(['lubis supriyadi']));
    expect(normaliseName('Nguyễn Văn Ánh')).toBe(normaliseName('nguyen van anh'));
    expect(normaliseName('Muhammad bin Abdullah')).toBe('abdullah bin muhammad');
    expect(normaliseName(' ,. ')).toBeUndefined();
    expect(normaliseName('Siti Aminah')).not.toBe(normaliseName('Siti Amina'));
  });

  test('phones: international digits, whatever the punctuation; national numbers take the country code', () => {
    const forms = ['+60175442897', '+60 17-544 2897', '+60 (17) 544.2897', '0060175442897', '60175442897'];
    expect(new Set(forms.map((p) => normalisePhone(p)))).toEqual(new Set(['60175442897']));
    expect(normalisePhone('017-544 2897', 'MY')).toBe('60175442897');
    expect(normalisePhone('0812 3456 7890', 'id')).toBe('6281234567890');
    expect(normalisePhone('017-544 2897')).toBe('0175442897'); // no country: left national
    expect(normalisePhone('12-34')).toBeUndefined();
  });

  test('accounts and documents: upper case, letters and digits only', () => {
    expect(normaliseAccount('my-0113 938')).toBe('MY0113938');
    expect(normaliseAccount('GB82 WEST 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
    expect(normaliseDocument('ID K1968520')).toBe('IDK1968520');
    expect(normaliseDocument('id k-1968520')).toBe('IDK1968520');
  });

  test('property: normalising is idempotent and blind to case and inserted spaces or punctuation', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '  ', ', ', '-', '.'), (words, sep) => {
        const name = words.join(' ');
        const n = normaliseName(name) as string;
        expect(normaliseName(words.map((w) => w.toUpperCase()).join(sep))).toBe(n);
        expect(normaliseName(n)).toBe(n);
        const acct = words.join('');
        expect(normaliseAccount(words.join(sep).toLowerCase())).toBe(normaliseAccount(acct));
        expect(normaliseAccount(normaliseAccount(acct))).toBe(normaliseAccount(acct));
      }),
    );
  });
});
