import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { tempDir } from '../test-support';
import { getSettings, updateSettings } from './settings';

describe('settings', () => {
  it('keeps printer profiles per workstation and everything else office-wide', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const cups = { adapter: 'system' as const, printerName: 'Urkunden-Schalter-2', media: 'A4', tray: 'Tray2' };
    const folder = getSettings(db, dir, 'schalter-1').printers.letter;
    updateSettings(db, { printers: { certificate: cups, letter: folder, envelope: folder }, idleLockMinutes: 7 }, 'schalter-2');
    const two = getSettings(db, dir, 'schalter-2');
    const one = getSettings(db, dir, 'schalter-1');
    expect(two.workstation).toBe('schalter-2');
    expect(two.printers.certificate).toEqual(cups);
    expect(one.printers.certificate.adapter).toBe('folder');
    expect(one.idleLockMinutes).toBe(7);
    db.close();
  });

  it('merges stored fees over the defaults so that new services bring their fees', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    updateSettings(db, { fees: { 'meldebescheinigung.einfach': 800 } });
    const s = getSettings(db, dir);
    expect(s.fees['meldebescheinigung.einfach']).toBe(800);
    expect(s.fees['meldebescheinigung.erweitert']).toBe(900);
    db.close();
  });
});
