import { describe, expect, it } from 'vitest';
import {
  DIN91379_COUNTS,
  describeCharacters,
  foldForSearch,
  invalidDin91379Characters,
  invalidNameCharacters,
  invalidTextCharacters,
  searchWords,
} from './names';

/**
 * The normative letters as printed in latin_letters_1.3.txt of the DIN 91379 character lists
 * (github.com/String-Latin/DIN-91379-Characters-and-Sequences) — an independent copy to check the ranges in names.ts.
 */
const LETTERS_AS_PRINTED = `
A B C D E F G H I J K L M N O P Q R S T U V W X Y Z
a b c d e f g h i j k l m n o p q r s t u v w x y z
À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï Ð Ñ Ò Ó Ô Õ Ö Ø Ù Ú
Û Ü Ý Þ ß à á â ã ä å æ ç è é ê ë ì í î ï ð ñ ò ó ô
õ ö ø ù ú û ü ý þ ÿ Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ
Ī ī Ĭ ĭ Į į İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ ŀ Ł ł Ń
ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ
Ş ş Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů Ű ű Ų ų Ŵ ŵ Ŷ ŷ
Ÿ Ź ź Ż ż Ž ž Ƈ ƈ Ə Ɨ Ơ ơ Ư ư Ʒ Ǎ ǎ Ǐ ǐ Ǒ ǒ Ǔ ǔ Ǖ ǖ
Ǘ ǘ Ǚ ǚ Ǜ ǜ Ǟ ǟ Ǣ ǣ Ǥ ǥ Ǧ ǧ Ǩ ǩ Ǫ ǫ Ǭ ǭ Ǯ ǯ ǰ Ǵ ǵ Ǹ
ǹ Ǻ ǻ Ǽ ǽ Ǿ ǿ Ȓ ȓ Ș ș Ț ț Ȟ ȟ ȧ Ȩ ȩ Ȫ ȫ Ȭ ȭ Ȯ ȯ Ȱ ȱ
Ȳ ȳ ə ɨ ʒ Ḃ ḃ Ḇ ḇ Ḋ ḋ Ḍ ḍ Ḏ ḏ Ḑ ḑ ḗ Ḝ ḝ Ḟ ḟ Ḡ ḡ Ḣ ḣ
Ḥ ḥ Ḧ ḧ Ḩ ḩ Ḫ ḫ ḯ Ḱ ḱ Ḳ ḳ Ḵ ḵ Ḷ ḷ Ḻ ḻ Ṁ ṁ Ṃ ṃ Ṅ ṅ Ṇ
ṇ Ṉ ṉ Ṓ ṓ Ṕ ṕ Ṗ ṗ Ṙ ṙ Ṛ ṛ Ṟ ṟ Ṡ ṡ Ṣ ṣ Ṫ ṫ Ṭ ṭ Ṯ ṯ Ẁ
ẁ Ẃ ẃ Ẅ ẅ Ẇ ẇ Ẍ ẍ Ẏ ẏ Ẑ ẑ Ẓ ẓ Ẕ ẕ ẖ ẗ ẞ Ạ ạ Ả ả Ấ ấ
Ầ ầ Ẩ ẩ Ẫ ẫ Ậ ậ Ắ ắ Ằ ằ Ẳ ẳ Ẵ ẵ Ặ ặ Ẹ ẹ Ẻ ẻ Ẽ ẽ Ế ế
Ề ề Ể ể Ễ ễ Ệ ệ Ỉ ỉ Ị ị Ọ ọ Ỏ ỏ Ố ố Ồ ồ Ổ ổ Ỗ ỗ Ộ ộ
Ớ ớ Ờ ờ Ở ở Ỡ ỡ Ợ ợ Ụ ụ Ủ ủ Ứ ứ Ừ ừ Ử ử Ữ ữ Ự ự Ỳ ỳ
Ỵ ỵ Ỷ ỷ Ỹ ỹ
`
  .trim()
  .split(/\s+/);

/** A few defined sequences, built from code points so that no editor can silently compose them. */
const seq = (...cps: number[]) => String.fromCodePoint(...cps);

describe('DIN 91379 data', () => {
  it('has the 500 normative letters of DIN 91379:2022 and every printed letter is accepted', () => {
    expect(LETTERS_AS_PRINTED).toHaveLength(500);
    expect(DIN91379_COUNTS.letters).toBe(500);
    const rejected = LETTERS_AS_PRINTED.filter((c) => invalidNameCharacters(c).length > 0);
    expect(rejected).toEqual([]);
  });

  it('has the defined sequences of the list (Latin letter + combining marks)', () => {
    // 149 sequences in latin_list_1.3.txt (String.Latin+ 1.2 had 147; DIN 91379 added ē̍ and ō̍).
    expect(DIN91379_COUNTS.sequences).toBe(149);
  });
});

describe('invalidNameCharacters', () => {
  const accepted: [string, string][] = [
    ['German umlauts and ß', 'Jürgen Größmann-Äbelé'],
    ['capital sharp s', 'GROẞE'],
    ['Polish', 'Łukasz Wiśniewski, Łucja Żółć'],
    ['Turkish', 'Ayşe Güneş, Yıldız Çelik, Ertuğrul, İsmail'],
    ['Hungarian', 'Ödön Kőváry, Erzsébet Szőke, Űrhajós'],
    ['Czech', 'Žaneta Dvořák, Božena Nováková'],
    ['Danish', 'Søren Østergaard, Ærø'],
    ['Maltese ħ', 'Ħamrun Ħili'],
    ['Afrikaans ŉ (deprecated, still in the set)', 'ŉ Boer'],
    ['Catalan middle dot', 'Col·lell'],
    ['Icelandic', 'Þóra Guðmundsdóttir'],
    ['Vietnamese', 'Nguyễn Thị Hương'],
    ['Romanian', 'Ștefan Țurcanu'],
    ['Croatian', 'Đurđica Đorđević'],
    ['C cedilla', 'Çağla'],
    ['apostrophes and period', "O'Brien d’Alembert St. Ives"],
    ['modifier letters of N1', 'ʿAbd al-Qādir ʾ ʹ ʺ ˈ ˌ ‡ ` ~ ¨ ´'],
    ['sequence L̥ (L + ring below)', seq(0x4c, 0x325)],
    ['sequence M̂', seq(0x4d, 0x302)],
    ['sequence L̥̄ (three code points)', seq(0x6c, 0x325, 0x304)],
    ['sequence K͟h (double macron below binding the h)', seq(0x4b, 0x35f, 0x68) + 'an'],
    ['sequence Ç̆ given decomposed', seq(0x43, 0x327, 0x306)],
    ['sequence Č̣ with marks in another order', seq(0x43, 0x30c, 0x323)],
    ['decomposed é is normalised first', 'Rene' + seq(0x301)],
    ['empty string', ''],
  ];
  it.each(accepted)('accepts %s', (_label, s) => {
    expect(invalidNameCharacters(s)).toEqual([]);
  });

  const rejected: [string, string, string[]][] = [
    ['euro sign', 'Müller €', ['€']],
    ['at sign', 'a@b', ['@']],
    ['digits (N2, not allowed in names)', 'Karl 3', ['3']],
    ['emoji', 'Anna 😀', ['😀']],
    ['emoji with skin tone stays one unit', 'Bob 👍🏽', ['👍🏽']],
    ['Cyrillic', 'Дмитрий', ['Д', 'м', 'и', 'т', 'р', 'й']],
    ['Greek (only in the extended groups)', 'Αλέξης', ['Α', 'λ', 'έ', 'ξ', 'η', 'ς']],
    ['long s ſ (not in the list)', 'Meſſer', ['ſ']],
    ['undefined letter+mark combination', 'Q' + seq(0x301), ['Q' + seq(0x301)]],
    ['listed letter with an extra mark', 'Ł' + seq(0x301), ['Ł' + seq(0x301)]],
    ['lone combining mark', seq(0x301) + 'a', [seq(0x301)]],
    ['no-break space (N4, not in names)', 'Anna\u00a0Maria', ['\u00a0']],
    ['tab and newline', 'a\tb\nc', ['\t', '\n']],
    ['left single quote (extended group only)', '‘x', ['‘']],
    ['distinct characters are reported once', '@@a@', ['@']],
    ['Latin letter 1E5C not in the list', 'Ṝ', ['Ṝ']],
  ];
  it.each(rejected)('rejects %s', (_label, s, bad) => {
    expect(invalidNameCharacters(s)).toEqual(bad);
  });

  it('data type B (places, streets) allows digits and punctuation but not Cyrillic', () => {
    expect(invalidTextCharacters('Lingen (Ems), Lookenstraße 12/14 – €')).toEqual(['–']);
    expect(invalidTextCharacters('Москва')).toHaveLength(6);
    expect(invalidDin91379Characters('½ Anna\u00a0Maria\n', 'C')).toEqual([]);
  });

  it('describes characters for messages', () => {
    expect(describeCharacters(['Д', '€'])).toBe('„Д“, „€“');
    expect(describeCharacters([seq(0x301)])).toBe('U+0301');
    expect(describeCharacters(['\u00a0'])).toBe('U+00A0');
  });
});

describe('foldForSearch', () => {
  const cases: [string, string][] = [
    ['Łukasz', 'lukasz'],
    ['Straße', 'strasse'],
    ['STRAẞE', 'strasse'],
    ['Güneş', 'gunes'],
    ['Şahin', 'sahin'],
    ['Müller', 'muller'],
    ['Mueller', 'muller'],
    ['Muller', 'muller'],
    ['Søren Østergaard', 'soren ostergaard'],
    ['Soeren', 'soren'],
    ['Yıldız Çelik', 'yildiz celik'],
    ['İsmail', 'ismail'],
    ['Ödön Kőváry', 'odon kovary'],
    ['Žaneta Dvořák', 'zaneta dvorak'],
    ['Æsa Œuvre', 'asa ouvre'],
    ['Đorđe', 'dorde'],
    ['Þór Guðmundsson', 'thor gudmundsson'],
    ['ŉ Ħal', 'n hal'],
    ['Hans-Jürgen', 'hans jurgen'],
    ["O'Brien d’Alembert", 'obrien dalembert'],
    ['Dr. med.  Weiß', 'dr med weiss'],
    ['Lookenstraße 12, 49808 Lingen (Ems)', 'lookenstrasse 12 49808 lingen ems'],
    ['Nguyễn Thị Hương', 'nguyen thi huong'],
    ['K' + seq(0x35f) + 'han', 'khan'],
    ['Дмитрий', 'дмитрии'],
    ['  %_*  ', ''],
  ];
  it.each(cases)('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('makes the clerk’s spellings meet', () => {
    const same = (a: string, b: string) => expect(foldForSearch(a)).toBe(foldForSearch(b));
    same('Mueller', 'Müller');
    same('Muller', 'Müller');
    same('Strasse', 'Straße');
    same('Lukasz', 'Łukasz');
    same('Gunes', 'Güneş');
    same('Sahin', 'Şahin');
    same('Goethe', 'Göthe');
    same('Kovary', 'Kőváry');
  });

  it('keeps prefixes prefixes (search while typing)', () => {
    const name = foldForSearch('Müller-Lüdenscheidt');
    for (const typed of ['M', 'Mu', 'Mue', 'Muel', 'Müll', 'Mueller', 'Müller L', 'Mueller-Lue']) {
      expect(name.startsWith(foldForSearch(typed))).toBe(true);
    }
  });

  it('splits into words', () => {
    expect(searchWords(' Hans-Jürgen  Weiß ')).toEqual(['hans', 'jurgen', 'weiss']);
    expect(searchWords('—')).toEqual([]);
  });
});
