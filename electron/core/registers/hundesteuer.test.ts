import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HUNDESTEUER_CONFIG } from '../../../shared/services/hundesteuer';
import { DB_FILE_NAME, inTransaction, type Db } from '../db/connection';
import {
  addTagStock,
  countTagsInStock,
  currentTag,
  currentWearer,
  deregisterDog,
  getDog,
  getMandate,
  getTag,
  openRegistration,
  previewRegistration,
  registeredDogWithChip,
  registrationOfCase,
  tagStockSummary,
  HundesteuerStoreError,
  issueNextTag,
  markTagLost,
  registerDog,
  registrationsOfDog,
  replacementTag,
  returnTag,
  tagsOfDog,
  wearersOfTag,
  type RegisterDogInput,
} from './hundesteuer';
import { openTempDb, type TempDb } from './test-helpers';

const AT = '2026-01-12T09:00:00.000Z';

let t: TempDb;
let db: Db;


function addResident(d: Db, familyName: string): number {
  return Number(
    d
      .prepare(
        `INSERT INTO residents (family_name, given_names, birth_date, search_names, updated_at) VALUES (?, 'Test', '1980-01-01', ?, ?)`,
      )
      .run(familyName, familyName.toLowerCase(), AT).lastInsertRowid,
  );
}

/** A bare dog row, for the tag functions on their own. */
function addBareDog(d: Db, name = 'Bello'): number {
  return Number(
    d
      .prepare(
        `INSERT INTO dogs (owner_name, owner_address, name, breed, created_at, updated_at) VALUES ('Erika Muster', 'Marktplatz 1, 49808 Lingen (Ems)', ?, 'Mischling', ?, ?)`,
      )
      .run(name, AT, AT).lastInsertRowid,
  );
}

const count = (d: Db, table: string): number => (d.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

function dogInput(residentId: number | null, over: Partial<RegisterDogInput> & { dogName?: string; dangerous?: boolean } = {}): RegisterDogInput {
  const { dogName, dangerous, ...rest } = over;
  return {
    owner: { residentId, name: 'Erika Muster', address: 'Marktplatz 1, 49808 Lingen (Ems)' },
    dog: { name: dogName ?? 'Bello', breed: 'Labrador', birthDate: '2020-05-01', chipNumber: '276 09 8100 123456', dangerous: dangerous ?? false },
    acquiredOn: '2026-01-10',
    at: AT,
    ...rest,
  };
}

beforeEach(() => {
  t = openTempDb();
  db = t.db;
});

afterEach(() => t.close());

describe('tag stock', () => {
  it('issues the lowest free number first, across batches added out of order', () => {
    addTagStock(db, 101, 103, '2026-B', 2026);
    addTagStock(db, 1, 3, '2026-A', 2026);
    expect(countTagsInStock(db)).toBe(6);
    const dogs = [addBareDog(db, 'A'), addBareDog(db, 'B'), addBareDog(db, 'C'), addBareDog(db, 'D')];
    expect(dogs.map((d) => issueNextTag(db, d, AT).number)).toEqual([1, 2, 3, 101]);
    const tag = getTag(db, 1)!;
    expect(tag).toMatchObject({ state: 'issued', dogId: dogs[0], series: '2026-A', year: 2026 });
    expect(tagsOfDog(db, dogs[0]!)).toEqual([expect.objectContaining({ tagId: tag.id, number: 1, issuedAt: AT, endedAt: null })]);
    expect(countTagsInStock(db)).toBe(2);
  });

  it('refuses overlapping numbers and stores none of the batch', () => {
    addTagStock(db, 1, 10, 'A');
    expect(() => addTagStock(db, 8, 12, 'B')).toThrow(/bereits erfasst: 8, 9, 10/);
    expect(getTag(db, 11)).toBeNull();
    expect(countTagsInStock(db)).toBe(10);
    expect(() => addTagStock(db, 5, 4, 'B')).toThrow(HundesteuerStoreError);
  });

  it('gives a dog at most one tag at a time', () => {
    addTagStock(db, 1, 3, 'A');
    const dog = addBareDog(db);
    issueNextTag(db, dog, AT);
    expect(() => issueNextTag(db, dog, AT)).toThrow(/trägt bereits die Hundemarke Nr\. 1/);
    expect(countTagsInStock(db)).toBe(2);
  });

  it('puts a returned tag back in stock and issues it again as the lowest free number; the first dog keeps it in its history', () => {
    addTagStock(db, 1, 3, 'A');
    const a = addBareDog(db, 'A');
    const b = addBareDog(db, 'B');
    const c = addBareDog(db, 'C');
    issueNextTag(db, a, AT);
    issueNextTag(db, b, AT);
    const returned = returnTag(db, a, '2026-02-01T10:00:00.000Z', 'Abmeldung: Tod des Hundes');
    expect(returned).toMatchObject({ number: 1, dogId: a, issuedAt: AT, endedAt: '2026-02-01T10:00:00.000Z', endState: 'returned', reason: 'Abmeldung: Tod des Hundes' });
    expect(getTag(db, 1)).toMatchObject({ state: 'in_stock', dogId: null });
    expect(countTagsInStock(db)).toBe(2);
    expect(tagStockSummary(db)).toMatchObject({ inStock: 2, issued: 1, returned: 1, lost: 0, nextFree: 1 });

    expect(issueNextTag(db, c, '2026-03-01T09:00:00.000Z')).toMatchObject({ number: 1, state: 'issued', dogId: c });
    expect(tagsOfDog(db, a)).toEqual([
      expect.objectContaining({ number: 1, issuedAt: AT, endedAt: '2026-02-01T10:00:00.000Z', endState: 'returned', reason: 'Abmeldung: Tod des Hundes' }),
    ]);
    expect(tagsOfDog(db, c)).toEqual([expect.objectContaining({ number: 1, issuedAt: '2026-03-01T09:00:00.000Z', endedAt: null, endState: null })]);
    expect(wearersOfTag(db, 1).map((w) => [w.dogId, w.endState])).toEqual([
      [a, 'returned'],
      [c, null],
    ]);
    expect(currentWearer(db, 1)?.dogId).toBe(c);
    expect(currentTag(db, a)).toBeNull();
    // Back in stock and issued again: no longer counted as returned.
    expect(tagStockSummary(db)).toMatchObject({ inStock: 1, issued: 2, returned: 0, lost: 0, nextFree: 3 });
  });

  it('never issues a lost tag again', () => {
    addTagStock(db, 1, 3, 'A');
    const a = addBareDog(db, 'A');
    issueNextTag(db, a, AT);
    expect(markTagLost(db, a, '2026-02-01T10:00:00.000Z', 'Marke verloren')).toMatchObject({ number: 1, dogId: a, endState: 'lost', reason: 'Marke verloren' });
    expect(getTag(db, 1)).toMatchObject({ state: 'lost', dogId: a });
    expect(() => markTagLost(db, a, AT)).toThrow(/keine Hundemarke/);
    const others = [addBareDog(db, 'B'), addBareDog(db, 'C')];
    expect(others.map((d) => issueNextTag(db, d, AT).number)).toEqual([2, 3]);
    expect(() => issueNextTag(db, addBareDog(db, 'D'), AT)).toThrow(/keine Hundemarken mehr vorrätig/);
    // Handing the others' tags back puts only those in stock.
    returnTag(db, others[0]!, AT);
    expect(issueNextTag(db, a, AT).number).toBe(2);
    expect(tagsOfDog(db, a).map((x) => [x.number, x.endState])).toEqual([
      [1, 'lost'],
      [2, null],
    ]);
    expect(wearersOfTag(db, 1)).toHaveLength(1);
    expect(tagStockSummary(db)).toMatchObject({ inStock: 0, issued: 2, returned: 0, lost: 1 });
  });

  it('never issues one tag twice from two connections to the same file', () => {
    addTagStock(db, 1, 5, 'A');
    const dogs = [1, 2, 3, 4, 5].map((i) => addBareDog(db, `Hund ${i}`));
    const other = new Database(path.join(t.dir, DB_FILE_NAME));
    try {
      other.pragma('foreign_keys = ON');
      other.pragma('busy_timeout = 0');
      // Alternating issues see each other's writes.
      expect(issueNextTag(db, dogs[0]!, AT).number).toBe(1);
      expect(issueNextTag(other, dogs[1]!, AT).number).toBe(2);
      expect(issueNextTag(db, dogs[2]!, AT).number).toBe(3);
      // While one connection is between pick and commit, the other cannot pick: it waits for the write lock
      // (here, with no busy timeout, it fails at once) instead of reading the same free tag.
      inTransaction(db, () => {
        expect(issueNextTag(db, dogs[3]!, AT).number).toBe(4);
        expect(() => issueNextTag(other, dogs[4]!, AT)).toThrow(/locked|busy/i);
      });
      expect(issueNextTag(other, dogs[4]!, AT).number).toBe(5);
      const issued = db.prepare("SELECT number, dog_id FROM dog_tags WHERE state = 'issued' ORDER BY number").all() as {
        number: number;
        dog_id: number;
      }[];
      expect(issued.map((r) => r.dog_id)).toEqual(dogs);
      expect(() => issueNextTag(other, addBareDog(db, 'Sechs'), AT)).toThrow(/keine Hundemarken mehr vorrätig/);
      // A tag handed back on one connection goes to exactly one dog, however the two connections interleave.
      returnTag(other, dogs[1]!, AT);
      const [six, seven] = [addBareDog(db, 'Sechs'), addBareDog(db, 'Sieben')];
      inTransaction(db, () => {
        expect(issueNextTag(db, six, AT).number).toBe(2);
        expect(() => issueNextTag(other, seven, AT)).toThrow(/locked|busy/i);
      });
      expect(() => issueNextTag(other, seven, AT)).toThrow(/keine Hundemarken mehr vorrätig/);
      expect(wearersOfTag(other, 2).map((w) => [w.dogId, w.endState])).toEqual([
        [dogs[1], 'returned'],
        [six, null],
      ]);
    } finally {
      other.close();
    }
  });
});

describe('registerDog', () => {
  beforeEach(() => {
    addTagStock(db, 1, 20, '2026', 2026);
  });

  it('registers a first dog: yearly tax, liability from the month after taking it in, tag, mandate', () => {
    const owner = addResident(db, 'Muster');
    const r = registerDog(
      db,
      dogInput(owner, {
        caseId: null,
        mandate: { reference: null, iban: 'DE89 3704 0044 0532 0130 00', holder: 'Erika Muster', signedOn: '2026-01-10' },
      }),
    );
    expect(r).toMatchObject({ category: 'first', position: 'first', yearlyCents: 3600, liableFrom: '2026-02' });
    expect(r.tag).toMatchObject({ number: 1, state: 'issued', dogId: r.dogId });
    expect(r.mandateReference).toBe(`HST-HUND-${String(r.dogId).padStart(6, '0')}`);
    expect(getMandate(db, r.mandateReference!)).toMatchObject({ iban: 'DE89370400440532013000', holder: 'Erika Muster' });
    const dog = db.prepare('SELECT * FROM dogs WHERE id = ?').get(r.dogId) as Record<string, unknown>;
    expect(dog).toMatchObject({ owner_resident_id: owner, chip_number: '276098100123456', dangerous: 0 });
    expect(registrationsOfDog(db, r.dogId)).toEqual([
      expect.objectContaining({ fromDate: '2026-01-10', liableFrom: '2026-02', toDate: null, category: 'first', yearlyCents: 3600 }),
    ]);
  });

  it('counts the owner’s other dogs: second and third dog pay the higher rates; other owners do not count', () => {
    const owner = addResident(db, 'Muster');
    const neighbour = addResident(db, 'Nachbar');
    const first = registerDog(db, dogInput(owner, { dogName: 'Eins' }));
    registerDog(db, dogInput(neighbour, { dogName: 'Nachbarshund' }));
    const second = registerDog(db, dogInput(owner, { dogName: 'Zwei', acquiredOn: '2026-03-05' }));
    const third = registerDog(db, dogInput(owner, { dogName: 'Drei', acquiredOn: '2026-04-01' }));
    expect([first.category, second.category, third.category]).toEqual(['first', 'second', 'further']);
    expect([first.yearlyCents, second.yearlyCents, third.yearlyCents]).toEqual([3600, 6000, 10800]);
    expect([first.tag.number, second.tag.number, third.tag.number]).toEqual([1, 3, 4]);
  });

  it('matches an owner outside the register by name and address', () => {
    const a = registerDog(db, dogInput(null, { dogName: 'Eins' }));
    const b = registerDog(db, dogInput(null, { dogName: 'Zwei' }));
    const elsewhere = registerDog(
      db,
      dogInput(null, { dogName: 'Drei', owner: { residentId: null, name: 'Erika Muster', address: 'Am Wall 2, 49808 Lingen (Ems)' } }),
    );
    expect([a.category, b.category, elsewhere.category]).toEqual(['first', 'second', 'first']);
  });

  it('taxes a dangerous dog separately; the other dogs then count as second and further', () => {
    const owner = addResident(db, 'Muster');
    const dangerous = registerDog(db, dogInput(owner, { dogName: 'Rex', dangerous: true }));
    expect(dangerous).toMatchObject({ category: 'dangerous', yearlyCents: 60000 });
    const next = registerDog(db, dogInput(owner, { dogName: 'Bello' }));
    expect(next).toMatchObject({ category: 'second', yearlyCents: 6000 });
  });

  it('does not count a dog whose tax ended before the new one begins', () => {
    const owner = addResident(db, 'Muster');
    const old = registerDog(db, dogInput(owner, { dogName: 'Alt' }));
    deregisterDog(db, old.dogId, { date: '2026-05-20', reason: 'death', at: AT });
    const successor = registerDog(db, dogInput(owner, { dogName: 'Neu', acquiredOn: '2026-06-10' }));
    expect(successor).toMatchObject({ category: 'first', liableFrom: '2026-07' });
    // Liable from May, the last month of the old dog's tax: both are held in that month (the successor, from
    // July, is not yet).
    const overlap = registerDog(db, dogInput(owner, { dogName: 'Zwischen', acquiredOn: '2026-04-15' }));
    expect(overlap).toMatchObject({ category: 'second', liableFrom: '2026-05' });
  });

  it('writes nothing when no tag is in stock (German message)', () => {
    db.prepare('DELETE FROM dog_tags').run();
    const owner = addResident(db, 'Muster');
    expect(() =>
      registerDog(
        db,
        dogInput(owner, { mandate: { reference: 'HST-TEST-1', iban: 'DE89370400440532013000', holder: 'Erika Muster', signedOn: '2026-01-10' } }),
      ),
    ).toThrow(/Es sind keine Hundemarken mehr vorrätig/);
    expect(count(db, 'dogs')).toBe(0);
    expect(count(db, 'dog_tax_registrations')).toBe(0);
    expect(count(db, 'sepa_mandates')).toBe(0);
  });

  it('refuses a broken IBAN or chip number before writing anything', () => {
    const owner = addResident(db, 'Muster');
    expect(() =>
      registerDog(db, dogInput(owner, { mandate: { reference: null, iban: 'DE00 1234', holder: 'E. M.', signedOn: '2026-01-10' } })),
    ).toThrow(/IBAN ist ungültig/);
    expect(() => registerDog(db, { ...dogInput(owner), dog: { ...dogInput(owner).dog, chipNumber: '12345' } })).toThrow(
      /15 Ziffern/,
    );
    expect(count(db, 'dogs')).toBe(0);
    expect(countTagsInStock(db)).toBe(20);
  });

  it('refuses a mandate reference already used for another account', () => {
    const owner = addResident(db, 'Muster');
    const mandate = { reference: 'HST-MUSTER', iban: 'DE89370400440532013000', holder: 'Erika Muster', signedOn: '2026-01-10' };
    registerDog(db, dogInput(owner, { mandate }));
    // Same account: the mandate is shared by the second dog.
    expect(registerDog(db, dogInput(owner, { dogName: 'Zwei', mandate })).mandateReference).toBe('HST-MUSTER');
    expect(() =>
      registerDog(db, dogInput(owner, { dogName: 'Drei', mandate: { ...mandate, iban: 'GB33BUKB20201555555555' } })),
    ).toThrow(/bereits für ein anderes Konto vergeben/);
    expect(count(db, 'dogs')).toBe(2);
    expect(count(db, 'sepa_mandates')).toBe(1);
  });
});

describe('deregisterDog', () => {
  beforeEach(() => {
    addTagStock(db, 1, 5, 'A');
  });

  it('ends the tax with the month the holding ended and takes the tag back', () => {
    const owner = addResident(db, 'Muster');
    const r = registerDog(db, dogInput(owner));
    const out = deregisterDog(db, r.dogId, { date: '2026-06-20', reason: 'death', reportedOn: '2026-06-25', at: '2026-06-25T08:00:00.000Z' });
    expect(out.registration).toMatchObject({ toDate: '2026-06-20', liableUntil: '2026-06', endReason: 'death', liableFrom: '2026-02' });
    expect(out.tag).toMatchObject({ number: 1, endState: 'returned', endedAt: '2026-06-25T08:00:00.000Z', reason: 'Abmeldung: Tod des Hundes' });
    expect(currentTag(db, r.dogId)).toBeNull();
    expect(getTag(db, 1)).toMatchObject({ state: 'in_stock', dogId: null });
    expect(tagsOfDog(db, r.dogId)).toEqual([expect.objectContaining({ number: 1, issuedAt: AT, endedAt: '2026-06-25T08:00:00.000Z', endState: 'returned' })]);
    expect(() => deregisterDog(db, r.dogId, { date: '2026-07-01', reason: 'sale' })).toThrow(/nicht \(mehr\) zur Hundesteuer angemeldet/);
  });

  it('ends on the last day of a month in that month, and records an unreturned tag as lost', () => {
    const owner = addResident(db, 'Muster');
    const r = registerDog(db, dogInput(owner));
    const out = deregisterDog(db, r.dogId, { date: '2026-08-31', reason: 'move', tagLost: true, at: AT });
    expect(out.registration.liableUntil).toBe('2026-08');
    expect(out.tag).toMatchObject({ number: 1, endState: 'lost', reason: 'Abmeldung: Wegzug' });
    expect(getTag(db, 1)).toMatchObject({ state: 'lost', dogId: r.dogId });
  });

  it('applies the Satzung’s late-deregistration rule when configured', () => {
    const owner = addResident(db, 'Muster');
    const r = registerDog(db, dogInput(owner));
    const config = { ...DEFAULT_HUNDESTEUER_CONFIG, lateDeregistrationEndsOnReceipt: true };
    const out = deregisterDog(db, r.dogId, { date: '2026-03-10', reportedOn: '2026-05-02', reason: 'sale', at: AT, config });
    expect(out.registration.liableUntil).toBe('2026-05');
  });

  it('changes nothing when refused', () => {
    const owner = addResident(db, 'Muster');
    const r = registerDog(db, dogInput(owner));
    expect(() => deregisterDog(db, r.dogId, { date: '2025-12-31', reason: 'sale', at: AT })).toThrow(/vor ihrem Beginn/);
    expect(() => deregisterDog(db, r.dogId, { date: '2026-03-01', reason: 'weg' as never, at: AT })).toThrow(/Grund der Abmeldung/);
    expect(registrationsOfDog(db, r.dogId)[0]).toMatchObject({ toDate: null, liableUntil: null });
    expect(currentTag(db, r.dogId)?.number).toBe(1);
  });
});

describe('replacementTag', () => {
  it('marks the old tag lost and issues the next one', () => {
    addTagStock(db, 1, 3, 'A');
    const owner = addResident(db, 'Muster');
    const r = registerDog(db, dogInput(owner));
    const { lost, issued } = replacementTag(db, r.dogId, '2026-04-01T10:00:00.000Z');
    expect(lost).toMatchObject({ number: 1, endState: 'lost', dogId: r.dogId, reason: 'Ersatzmarke ausgegeben', endedAt: '2026-04-01T10:00:00.000Z' });
    expect(issued).toMatchObject({ number: 2, state: 'issued', dogId: r.dogId });
    expect(tagsOfDog(db, r.dogId).map((x) => [x.number, x.endState, x.issuedAt])).toEqual([
      [1, 'lost', AT],
      [2, null, '2026-04-01T10:00:00.000Z'],
    ]);
    expect(getTag(db, 1)!.state).toBe('lost');
  });

  it('keeps the old tag when no replacement is in stock', () => {
    addTagStock(db, 1, 1, 'A');
    const owner = addResident(db, 'Muster');
    const r = registerDog(db, dogInput(owner));
    expect(() => replacementTag(db, r.dogId, AT)).toThrow(/keine Hundemarken mehr vorrätig/);
    expect(currentTag(db, r.dogId)).toMatchObject({ number: 1, state: 'issued' });
    expect(tagsOfDog(db, r.dogId)).toEqual([expect.objectContaining({ number: 1, endedAt: null, endState: null })]);
  });
});

describe('reading for the counter', () => {
  it('summarises the stock in runs of consecutive numbers per series, with the free count and the next free tag', () => {
    addTagStock(db, 1, 5, 'A');
    addTagStock(db, 8, 9, 'A');
    addTagStock(db, 6, 7, 'B', 2026);
    issueNextTag(db, addBareDog(db), AT);
    const s = tagStockSummary(db);
    expect(s).toMatchObject({ inStock: 8, issued: 1, returned: 0, lost: 0, nextFree: 2 });
    expect(s.ranges).toEqual([
      { series: 'A', year: null, from: 1, to: 5, inStock: 4 },
      { series: 'B', year: 2026, from: 6, to: 7, inStock: 2 },
      { series: 'A', year: null, from: 8, to: 9, inStock: 2 },
    ]);
  });

  it('previews what registerDog decides without writing, and finds a registered chip', () => {
    addTagStock(db, 1, 3, 'A');
    const owner = addResident(db, 'Muster');
    const before = previewRegistration(db, { residentId: owner, name: 'Erika Muster', address: 'x' }, { birthDate: '2020-05-01', dangerous: false }, '2026-01-10');
    expect(before).toEqual({ position: 'first', category: 'first', yearlyCents: 3600, liableFrom: '2026-02', nextTag: 1 });
    const r = registerDog(db, dogInput(owner));
    expect(r).toMatchObject({ position: before.position, yearlyCents: before.yearlyCents, liableFrom: before.liableFrom });
    expect(r.tag.number).toBe(before.nextTag);
    expect(previewRegistration(db, { residentId: owner, name: 'Erika Muster', address: 'x' }, { birthDate: '2020-05-01', dangerous: false }, '2026-01-10')).toMatchObject({ position: 'second', yearlyCents: 6000, nextTag: 2 });
    expect(registeredDogWithChip(db, '276 09 8100 123456')).toEqual({ dogId: r.dogId, tagNumber: 1 });
    expect(openRegistration(db, r.dogId)?.id).toBe(r.registrationId);
    expect(registrationOfCase(db, 999)).toBeNull();
    deregisterDog(db, r.dogId, { date: '2026-03-01', reason: 'death', at: AT });
    expect(registeredDogWithChip(db, '276098100123456')).toBeNull();
    expect(openRegistration(db, r.dogId)).toBeNull();
    expect(getDog(db, r.dogId)).toMatchObject({ name: 'Bello', chipNumber: '276098100123456', dangerous: false });
  });
});
