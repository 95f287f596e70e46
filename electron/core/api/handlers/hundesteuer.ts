import type { HundesteuerDogInfo, hundesteuerOps } from '../../../../shared/api/ops/hundesteuer';
import { formatEuro } from '../../../../shared/domain/money';
import { REPLACEMENT_TAG_FEE_KEY } from '../../../../shared/services/hundesteuer';
import { addHistory } from '../../cases/history';
import { getCaseRow } from '../../cases/repository';
import { berlinYear, nextNumber } from '../../db/counters';
import { inTransaction, sql, type Db } from '../../db/connection';
import {
  HundesteuerStoreError,
  addTagStock,
  currentWearer,
  getDog,
  registrationOfCase,
  registrationsOfDog,
  replacementTag,
  tagStockSummary,
  tagsOfDog,
} from '../../registers/hundesteuer';
import { getSettings } from '../../settings/settings';
import type { HandlerMap } from '../context';
import { requireUser } from '../context';
import { ApiFailure, notFound } from '../errors';

function storeFailure(e: unknown): never {
  if (e instanceof HundesteuerStoreError) throw new ApiFailure('CONFLICT', e.message);
  throw e;
}

export function dogInfo(db: Db, dogId: number): HundesteuerDogInfo | null {
  const dog = getDog(db, dogId);
  if (!dog) return null;
  const registration = registrationsOfDog(db, dogId).at(-1) ?? null;
  const tags = tagsOfDog(db, dogId);
  return {
    dogId: dog.id,
    ownerName: dog.ownerName,
    ownerAddress: dog.ownerAddress,
    name: dog.name,
    breed: dog.breed,
    colour: dog.colour,
    sex: dog.sex,
    chipNumber: dog.chipNumber,
    birthDate: dog.birthDate,
    dangerous: dog.dangerous,
    registration: registration && {
      id: registration.id,
      caseId: registration.caseId,
      fromDate: registration.fromDate,
      liableFrom: registration.liableFrom,
      toDate: registration.toDate,
      liableUntil: registration.liableUntil,
      endReason: registration.endReason,
      yearlyCents: registration.yearlyCents,
      category: registration.category,
      mandateReference: registration.mandateReference,
    },
    currentTag: tags.find((t) => t.endedAt === null)?.number ?? null,
    tags: tags.map((t) => ({ number: t.number, state: t.endState ?? 'issued', issuedAt: t.issuedAt, endedAt: t.endedAt, reason: t.reason })),
  };
}

/**
 * The dog of a Hundesteuer case: the one its Anmeldung registered, or the one its Abmeldung deregistered (fixed in
 * the Schlussbescheid's facts: the tag handed back may be worn by another dog since), before that the dog wearing
 * the tag its Abmeldung names.
 */
function dogIdOfCase(db: Db, caseId: number): number | null {
  const row = getCaseRow(db, caseId);
  if (!row) throw notFound('Der Vorgang');
  if (row.service_id === 'hundesteuer-anmeldung') return registrationOfCase(db, caseId)?.dogId ?? null;
  if (row.service_id === 'hundesteuer-abmeldung') {
    const doc = sql(db, "SELECT facts FROM documents WHERE case_id = ? AND doc_type = 'hundesteuerBescheid' AND facts IS NOT NULL ORDER BY id LIMIT 1").get(caseId) as
      | { facts: string }
      | undefined;
    const fixed = doc ? (JSON.parse(doc.facts) as { dogId?: unknown }).dogId : undefined;
    if (typeof fixed === 'number') return fixed;
    const tagNumber = String((JSON.parse(row.data) as { tagNumber?: unknown }).tagNumber ?? '');
    return /^\d+$/.test(tagNumber) ? (currentWearer(db, Number(tagNumber))?.dogId ?? null) : null;
  }
  throw new ApiFailure('INVALID_INPUT', 'Der Vorgang ist keine Hundesteuer-An- oder -Abmeldung.');
}

export const hundesteuerHandlers: Pick<HandlerMap, keyof typeof hundesteuerOps> = {
  'hundesteuer.caseDog': (input, ctx) => {
    ctx.auditSubject = `case:${input.caseId}`;
    const dogId = dogIdOfCase(ctx.db, input.caseId);
    return dogId === null ? null : dogInfo(ctx.db, dogId);
  },

  'hundesteuer.replaceTag': (input, ctx) => {
    const user = requireUser(ctx);
    ctx.auditSubject = `case:${input.caseId}`;
    const fee = ctx.settings().fees[REPLACEMENT_TAG_FEE_KEY] ?? 0;
    return inTransaction(ctx.db, () => {
      const row = getCaseRow(ctx.db, input.caseId);
      if (!row) throw notFound('Der Vorgang');
      if (row.service_id !== 'hundesteuer-anmeldung') {
        throw new ApiFailure('INVALID_INPUT', 'Eine Ersatzmarke wird über den Vorgang der Anmeldung des Hundes ausgegeben.');
      }
      const registration = registrationOfCase(ctx.db, row.id);
      if (!registration) throw new ApiFailure('CONFLICT', 'Der Hund ist noch nicht angemeldet: erst der Bescheid vergibt die Hundemarke.');
      if (registration.toDate !== null) throw new ApiFailure('CONFLICT', 'Der Hund ist abgemeldet; eine Ersatzmarke gibt es nur für angemeldete Hunde.');
      const at = ctx.clock.now().toISOString();
      let swap: ReturnType<typeof replacementTag>;
      try {
        swap = replacementTag(ctx.db, registration.dogId, at, `Ersatzmarke: ${input.reason}`);
      } catch (e) {
        storeFailure(e);
      }
      const receipt = nextNumber(ctx.db, 'Q', berlinYear(ctx.clock.now()));
      sql(ctx.db, 'INSERT INTO payments (case_id, receipt_number, method, amount_cents, free_reason, at, user_id) VALUES (?, ?, ?, ?, NULL, ?, ?)').run(
        row.id,
        receipt,
        input.method,
        fee,
        at,
        user.id,
      );
      addHistory(ctx.db, {
        caseId: row.id,
        at,
        userId: user.id,
        action: `Ersatzmarke Nr. ${swap.issued.number} ausgegeben (Marke Nr. ${swap.lost.number} als verloren erfasst), Gebühr ${formatEuro(fee)}: Quittung ${receipt}`,
        reason: input.reason,
        details: { lostTag: swap.lost.number, tagNumber: swap.issued.number, amountCents: fee, method: input.method, receiptNumber: receipt },
      });
      return { dog: dogInfo(ctx.db, registration.dogId)!, tagNumber: swap.issued.number, receiptNumber: receipt, feeCents: fee };
    });
  },

  'hundesteuer.tagStock': (_input, ctx) => tagStockSummary(ctx.db),

  'hundesteuer.addTags': (input, ctx) => {
    try {
      addTagStock(ctx.db, input.from, input.to, input.series, input.year);
    } catch (e) {
      storeFailure(e);
    }
    return tagStockSummary(ctx.db);
  },

  'hundesteuer.updateSatzung': (input, ctx) => {
    inTransaction(ctx.db, () => {
      sql(ctx.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run('hundesteuer', JSON.stringify(input));
    });
    return getSettings(ctx.db, ctx.dataDir, ctx.workstation).hundesteuer;
  },
};
