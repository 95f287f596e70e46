import { describe, expect, it } from 'vitest';
import { meldebescheinigungData, PURPOSES } from '../../../shared/services/meldebescheinigung';
import { defaultSettings } from '../settings/settings';
import { meldebescheinigungRules as rules } from './meldebescheinigung';

const settings = defaultSettings('/tmp/x');

describe('Meldebescheinigung rules', () => {
  it('charges 7,50 € einfach and 9,00 € erweitert by default, per copy', () => {
    expect(rules.fee({ kind: 'einfach', purpose: 'allgemein' }, settings)).toBe(750);
    expect(rules.fee({ kind: 'erweitert', purpose: 'allgemein', extendedItems: ['religion'] }, settings)).toBe(900);
    expect(rules.fee({ kind: 'einfach', purpose: 'allgemein', copies: 2 }, settings)).toBe(1500);
  });

  it('takes the fee from the settings', () => {
    const s = { ...settings, fees: { ...settings.fees, 'meldebescheinigung.einfach': 800 } };
    expect(rules.fee({ kind: 'einfach', purpose: 'allgemein' }, s)).toBe(800);
  });

  it('names the waiver for the free purposes only', () => {
    for (const p of PURPOSES) {
      const reason = rules.waiverReason({ kind: 'einfach', purpose: p.id });
      if (p.free) expect(reason).toContain(p.label);
      else expect(reason).toBeNull();
    }
    expect(PURPOSES.filter((p) => p.free).map((p) => p.id)).toEqual(expect.arrayContaining(['rente', 'versorgungsamt']));
  });

  it('keeps einfach free of § 3 extras and requires them for erweitert', () => {
    expect(meldebescheinigungData.safeParse({ kind: 'einfach', purpose: 'allgemein', extendedItems: ['religion'] }).success).toBe(false);
    expect(meldebescheinigungData.safeParse({ kind: 'erweitert', purpose: 'allgemein' }).success).toBe(false);
    expect(meldebescheinigungData.safeParse({ kind: 'erweitert', purpose: 'allgemein', extendedItems: ['steuerId'] }).success).toBe(true);
    expect(meldebescheinigungData.safeParse({ kind: 'erweitert', purpose: 'allgemein', extendedItems: ['blutgruppe'] }).success).toBe(false);
  });

  it('refuses a certificate for a deceased person', () => {
    expect(() => rules.checkResident({ dateOfDeath: '2020-01-01' } as never, {})).toThrow(/verstorbene/);
    expect(() => rules.checkResident({ dateOfDeath: null } as never, {})).not.toThrow();
  });
});
