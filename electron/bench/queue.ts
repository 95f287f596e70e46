import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type { caseFilter } from '../../shared/api/contract';
import { berlinIsoDay } from '../../shared/domain/berlin-time';
import type { Channel, DeliveryMethod } from '../../shared/domain/channels';
import { addDays } from '../../shared/domain/niedersachsen-calendar';
import type { CaseStatus } from '../../shared/domain/status';
import { foldForSearch } from '../../shared/domain/names';
import { SERVICES } from '../../shared/services';
import { defaultDeadlineConfigs, deadlinesFor } from '../../shared/services/deadlines';
import { hashPassword } from '../core/auth/passwords';
import { listAllCases, listCases } from '../core/cases/repository';
import { queueWhere } from '../core/cases/queue-query';
import { DB_FILE_NAME, openDatabase, type Db } from '../core/db/connection';
import { dashboard } from '../core/reports/dashboard';
import { queueCsv } from '../core/reports/queue-csv';
import { percentile, summary, timeRuns } from './stats';
import { SeededRandom } from '../core/seeded-random';

/**
 * The queue and the dashboard on a big database: `npm run bench -- queue [--cases=1000000] [--keep <dir>] [--plans]`.
 * Generates cases over five years (default 1,000,000) straight into the tables, then times the first page of
 * the queue for typical filters (listCases, as 'cases.list' runs it) and the dashboard's aggregates.
 * --keep <dir> leaves the data folder there so the dashboard can be looked at with the app
 * (`npm start -- --data-dir <dir>`, or with `--browser`; sign in as "leitung" or "admin", password printed); run
 * again with the same --keep <dir>, it measures that database instead of generating another. --plans prints the
 * query plans; --analyze runs ANALYZE first (the app itself does not, so by default there are no statistics).
 */

const YEARS = 5;
const PASSWORD = 'bench-bench-42';
const DAY_MS = 86_400_000;

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) return args[i + 1] && !args[i + 1]!.startsWith('--') ? args[i + 1] : '';
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** A seeded generator, so every run builds the same database. */
function rng(seed: number): () => number {
  const r = new SeededRandom(seed);
  return () => r.next();
}

function pick<T>(r: number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [v, w] of weighted) {
    if ((x -= w) < 0) return v;
  }
  return weighted.at(-1)![0];
}

const SERVICE_MIX: readonly (readonly [string, number])[] = [
  ['meldebescheinigung', 30],
  ['personenstandsurkunde', 18],
  ['hundesteuer-anmeldung', 5],
  ['hundesteuer-abmeldung', 3],
  ['gewerbe-anmeldung', 10],
  ['gewerbe-ummeldung', 4],
  ['gewerbe-abmeldung', 6],
  ['briefwahl', 24],
];
const CHANNEL_MIX: readonly (readonly [Channel, number])[] = [
  ['walk_in', 55],
  ['online', 30],
  ['post', 15],
];
/** Site 1 is the Bürgerbüro, 2–10 the Ortsverwaltungen. */
const SITE_MIX: readonly (readonly [number, number])[] = [[1, 55], ...Array.from({ length: 9 }, (_, i) => [i + 2, 5] as const)];
const CLERKS_PER_SITE = (site: number) => (site === 1 ? 20 : 2);
const OPEN_MIX: readonly (readonly [CaseStatus, number])[] = [
  ['new', 25],
  ['in_progress', 30],
  ['waiting', 10],
  ['ready', 15],
  ['issued', 10],
  ['handed_over', 5],
  ['dispatched', 5],
];
/** Probability that a case of this age (days) is still open: a few thousand of a million. */
function openProbability(ageDays: number): number {
  if (ageDays < 2) return 0.9;
  if (ageDays < 7) return 0.55;
  if (ageDays < 30) return 0.12;
  if (ageDays < 180) return 0.008;
  return 0.0002;
}
const FAMILY = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Braun', 'Hofmann', 'Zimmermann', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Jansen', 'Brinkmann', 'Gerdes', 'Terhorst', 'Wübben', 'Ahlers', 'Lübbers', 'Özdemir', 'Kowalski', 'Nowak', 'Yılmaz', 'Popescu', 'Ivanova'];
const GIVEN = ['Anna', 'Lena', 'Marie', 'Sophie', 'Emma', 'Hannah', 'Lea', 'Mia', 'Laura', 'Julia', 'Lukas', 'Jonas', 'Leon', 'Finn', 'Paul', 'Felix', 'Noah', 'Elias', 'Ben', 'Tim', 'Hans', 'Gerda', 'Heinrich', 'Ursula', 'Klaus', 'Ingrid', 'Ayşe', 'Mehmet', 'Łukasz', 'Olga'];

interface Generated {
  cases: number;
  open: number;
  history: number;
  submissions: number;
}

/** Writes users, cases, history and portal submissions; the indexes are dropped and rebuilt around the bulk load. */
async function generate(db: Db, total: number, now: Date): Promise<Generated> {
  const random = rng(20261125);
  const nowMs = now.getTime();
  const hash = await hashPassword(PASSWORD);
  const createdAt = new Date(nowMs - YEARS * 365 * DAY_MS).toISOString();

  // Users: clerks per site, two supervisors and an administrator.
  const insertUser = db.prepare(
    `INSERT INTO users (username, display_name, role, site_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const clerksBySite = new Map<number, number[]>();
  db.transaction(() => {
    insertUser.run('admin', 'Anna Admin', 'admin', 1, hash, createdAt);
    insertUser.run('leitung', 'Lea Leitung', 'supervisor', 1, hash, createdAt);
    insertUser.run('leitung2', 'Lars Leitung', 'supervisor', 1, hash, createdAt);
    let k = 0;
    for (let site = 1; site <= 10; site++) {
      const ids: number[] = [];
      for (let i = 0; i < CLERKS_PER_SITE(site); i++) {
        k++;
        const name = `${GIVEN[k % GIVEN.length]} ${FAMILY[(k * 7) % FAMILY.length]}`;
        ids.push(Number(insertUser.run(`sb${String(k).padStart(2, '0')}`, name, 'clerk', site, hash, createdAt).lastInsertRowid));
      }
      clerksBySite.set(site, ids);
    }
  })();

  // Cases per day: weekdays busy, Saturdays and Sundays online only (few).
  const firstDay = addDays(berlinIsoDay(now), -(YEARS * 365 - 1));
  const days: { day: string; weight: number; weekend: boolean }[] = [];
  for (let d = firstDay; d <= berlinIsoDay(now); d = addDays(d, 1)) {
    const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
    const weekend = wd === 0 || wd === 6;
    days.push({ day: d, weight: weekend ? 0.15 : 1, weekend });
  }
  const weightSum = days.reduce((s, d) => s + d.weight, 0);

  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN ('cases', 'case_history', 'portal_submissions')`,
    )
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);

  const insertCase = db.prepare(
    `INSERT INTO cases (id, reference, service_id, channel, status, site_id, resident_id, applicant_name, search_text, data,
       delivery_method, fee_cents, assignee_id, assigned_at, created_by, created_at, updated_at, closed_at,
       portal_submission_id, portal_case_id, portal_destination_id, target_date, legal_deadline_at, waiting_since)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHistory = db.prepare(
    `INSERT INTO case_history (case_id, at, user_id, action, from_status, to_status, reason, details) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const insertSubmission = db.prepare(
    `INSERT INTO portal_submissions (submission_id, portal_case_id, destination_id, state, service_identifier, case_id,
       attempts, last_error, received_at, decided_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const configs = defaultDeadlineConfigs();
  const deadlineCache = new Map<string, { targetDate: string | null; legalDeadlineAt: string | null }>();
  const fees = new Map(SERVICES.map((s) => [s.id, s.fees[0]?.cents ?? 0]));
  const shortNames = new Map(SERVICES.map((s) => [s.id, s.shortName]));
  const counters = new Map<number, number>();
  const destination = '00000000-0000-4000-8000-0000000000bb';
  const out: Generated = { cases: 0, open: 0, history: 0, submissions: 0 };

  const iso = (ms: number) => new Date(ms).toISOString();
  let id = 0;
  let remaining = total;
  let weightLeft = weightSum;
  db.transaction(() => {
    for (const d of days) {
      const n = d === days.at(-1) ? remaining : Math.round((remaining * d.weight) / weightLeft);
      remaining -= n;
      weightLeft -= d.weight;
      // Office hours 07:00–18:00 UTC (online around the clock at weekends), but never after now.
      const dayStart = Date.parse(`${d.day}T00:00:00Z`);
      const from = dayStart + (d.weekend ? 0 : 7 * 3_600_000);
      const until = Math.min(dayStart + (d.weekend ? 24 : 18) * 3_600_000, nowMs - 60_000);
      if (until <= from) continue;
      const times = Array.from({ length: n }, () => from + Math.floor(random() * (until - from))).sort((a, b) => a - b);
      const year = Number(d.day.slice(0, 4));
      for (const t of times) {
        id++;
        const seq = (counters.get(year) ?? 0) + 1;
        counters.set(year, seq);
        const reference = `BB-${year}-${String(seq).padStart(6, '0')}`;
        const serviceId = pick(random(), SERVICE_MIX);
        const channel: Channel = d.weekend ? 'online' : pick(random(), CHANNEL_MIX);
        const siteId = channel === 'online' ? pick(random(), [[1, 80], ...SITE_MIX.slice(1).map(([s]) => [s, 20 / 9] as const)]) : pick(random(), SITE_MIX);
        const clerks = clerksBySite.get(siteId)!;
        const clerk = clerks[Math.floor(random() * clerks.length)]!;
        const delivery: DeliveryMethod =
          channel === 'post' ? 'post' : channel === 'online' ? (random() < 0.5 ? 'post' : 'counter') : random() < 0.85 ? 'counter' : 'post';
        const name = `${GIVEN[Math.floor(random() * GIVEN.length)]} ${FAMILY[Math.floor(random() * FAMILY.length)]}`;
        const created = iso(t);
        const key = `${serviceId}|${d.day}`;
        let dl = deadlineCache.get(key);
        if (!dl) deadlineCache.set(key, (dl = deadlinesFor(serviceId, configs[serviceId]!, new Date(t))));
        const ageDays = (nowMs - t) / DAY_MS;
        const open = random() < openProbability(ageDays);
        let status: CaseStatus;
        if (open) status = pick(random(), OPEN_MIX);
        else {
          const r = random();
          status = r < 0.93 ? 'closed' : r < 0.96 ? 'rejected' : 'cancelled';
        }
        const hist: [string, number | null, string, CaseStatus | null, CaseStatus | null, string | null][] = [
          [created, channel === 'walk_in' ? clerk : null, `Vorgang angelegt: ${shortNames.get(serviceId)}`, null, 'new', null],
        ];
        let updated = t;
        let closedAt: string | null = null;
        let assignee: number | null = clerk;
        let assignedAt: string | null = created;
        let waitingSince: string | null = null;
        const later = (days: number) => (updated = Math.min(nowMs - 1000, updated + Math.floor(days * DAY_MS * random()) + 60_000));
        if (status === 'closed' || status === 'handed_over' || status === 'dispatched') {
          const finishing: CaseStatus = status === 'closed' ? (delivery === 'post' ? 'dispatched' : 'handed_over') : status;
          const at = later(status === 'closed' ? 6 : Math.min(ageDays, 3));
          hist.push([iso(at), clerk, `Status: ${finishing === 'dispatched' ? 'Versandt' : 'Ausgehändigt'}`, 'issued', finishing, null]);
          if (status === 'closed') {
            const closed = later(3);
            closedAt = iso(closed);
            hist.push([closedAt, clerk, 'Status: Abgeschlossen', finishing, 'closed', null]);
          }
        } else if (status === 'rejected' || status === 'cancelled') {
          const at = later(5);
          closedAt = iso(at);
          hist.push([closedAt, clerk, status === 'rejected' ? 'Status: Abgelehnt' : 'Status: Storniert', 'in_progress', status, 'Unterlagen fehlen']);
        } else if (status === 'new') {
          if (random() < 0.6) {
            assignee = null;
            assignedAt = null;
          }
        } else {
          later(Math.min(ageDays, 2));
          if (status === 'waiting') {
            waitingSince = iso(updated);
            hist.push([waitingSince, clerk, 'Status: Wartet auf Antragsteller', 'in_progress', 'waiting', 'Nachweis fehlt']);
          }
        }
        const submissionId = channel === 'online' ? `sub-${id}` : null;
        insertCase.run(
          id,
          reference,
          serviceId,
          channel,
          status,
          siteId,
          name,
          `${foldForSearch(name)} ${reference.toLowerCase()}`,
          JSON.stringify({ purpose: 'Vorlage bei Behörden', copies: 1 + (id % 3) }),
          delivery,
          fees.get(serviceId) ?? 0,
          assignee,
          assignedAt,
          channel === 'walk_in' ? clerk : null,
          created,
          iso(updated),
          closedAt,
          submissionId,
          submissionId ? `case-${id}` : null,
          submissionId ? destination : null,
          dl.targetDate,
          dl.legalDeadlineAt,
          waitingSince,
        );
        for (const h of hist) insertHistory.run(id, ...h);
        out.history += hist.length;
        if (submissionId) {
          insertSubmission.run(submissionId, `case-${id}`, destination, 'accepted', null, id, 1, null, created, created, created);
          out.submissions++;
        }
        if (open) out.open++;
      }
    }
    // A few submissions still on their way in (the dashboard's "oldest portal submissions").
    const states = ['recorded', 'downloaded', 'imported', 'rejecting'] as const;
    for (let i = 0; i < 24; i++) {
      const at = iso(nowMs - Math.floor(random() * 3 * DAY_MS));
      insertSubmission.run(`pending-${i}`, `case-p${i}`, destination, states[i % 4], null, null, 1 + (i % 5), i % 3 ? null : 'Zeitüberschreitung beim Abruf', at, null, at);
      out.submissions++;
    }
    const counter = db.prepare(`INSERT INTO counters (name, year, value) VALUES ('BB', ?, ?) ON CONFLICT(name, year) DO UPDATE SET value = excluded.value`);
    for (const [year, value] of counters) counter.run(year, value);
  })();
  out.cases = id;
  for (const ix of indexes) db.exec(ix.sql);
  return out;
}

type Filter = z.input<typeof caseFilter>;

export async function benchQueue(_resourcesDir: string): Promise<void> {
  const total = Number(option('cases') || 1_000_000);
  const keep = option('keep');
  const plans = option('plans') !== undefined;
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-bench-queue-'));
  const reuse = !!keep && fs.existsSync(path.join(dir, DB_FILE_NAME));
  const db = openDatabase(dir);
  try {
    const now = new Date();
    if (reuse) {
      console.log(`measuring the existing database in ${dir} (no new cases generated)`);
    } else {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('cache_size = -262144');
      const t0 = performance.now();
      const g = await generate(db, total, now);
      console.log(
        `generated ${g.cases.toLocaleString('de-DE')} cases (${g.open.toLocaleString('de-DE')} open), ${g.history.toLocaleString('de-DE')} history rows, ${g.submissions.toLocaleString('de-DE')} portal submissions in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    if (option('analyze') !== undefined) db.exec('ANALYZE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -2000');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.statSync(path.join(dir, DB_FILE_NAME)).size;
    console.log(`database file size                            ${(bytes / 1024 / 1024).toFixed(0)} MB`);

    const someone = db
      .prepare(
        `SELECT c.assignee_id AS id, u.site_id AS site FROM cases c JOIN users u ON u.id = c.assignee_id
         WHERE c.status NOT IN ('closed', 'rejected', 'cancelled') GROUP BY c.assignee_id ORDER BY COUNT(*) DESC LIMIT 1`,
      )
      .get() as { id: number; site: number };
    const viewer = { userId: someone.id, siteId: someone.site };
    const today = berlinIsoDay(now);
    /** The ten typical views (the targets apply to them) … */
    const typical: [string, Filter][] = [
      ['Alle offenen (älteste zuerst)', {}],
      ['Meine Fälle', { scope: 'mine' }],
      ['Team (Standort)', { scope: 'team' }],
      ['Nicht zugewiesen', { scope: 'unassigned' }],
      ['überfällig', { due: 'overdue' }],
      ['heute fällig', { due: 'today' }],
      ['fällig, nach Fälligkeit sortiert', { due: 'due', sort: 'due' }],
      ['Online, Meldebescheinigung', { channel: 'online', serviceId: 'meldebescheinigung' }],
      ['Suche „schmidt“ (offene)', { search: 'schmidt' }],
      ['mit abgeschlossenen, neueste zuerst', { includeFinished: true, sort: 'newest' }],
    ];
    /** … and more: the dashboard's click-throughs, finished cases, and the one slow path (text search in years of cases). */
    const more: [string, Filter][] = [
      ['Ortsverwaltung, Status Neu + In Bearbeitung', { siteId: 5, status: ['new', 'in_progress'] }],
      ['Eingang vor 3 Tagen (Klick aus der Übersicht)', { includeFinished: true, receivedFrom: addDays(today, -3), receivedTo: addDays(today, -3) }],
      ['Alter über 30 Tage (Klick aus der Übersicht)', { minAgeDays: 31 }],
      ['Abgeschlossen, Gewerbe-Anmeldung', { status: ['closed'], serviceId: 'gewerbe-anmeldung' }],
      ['Meine Fälle mit abgeschlossenen', { scope: 'mine', includeFinished: true, sort: 'newest' }],
      ['Suche „müller“ mit abgeschlossenen (Scan)', { scope: 'team', includeFinished: true, search: 'müller' }],
      ['Suche „BB-2023-004711“ mit abgeschlossenen', { includeFinished: true, search: 'BB-2023-004711' }],
      ['Suche „2023-0047“ mit abgeschlossenen (Scan)', { includeFinished: true, search: '2023-0047' }],
    ];
    const { caseFilter: schema } = await import('../../shared/api/contract');
    const measure = async (views: [string, Filter][]) => {
      const p95s: number[] = [];
      for (const [label, raw] of views) {
        const f = schema.parse(raw);
        const first = listCases(db, f, viewer, now);
        const runs = await timeRuns(label.includes('(Scan)') ? 20 : 200, () => listCases(db, f, viewer, now));
        p95s.push(percentile(runs, 95));
        console.log(`${summary(`queue: ${label}`, runs)}  total=${first.total}`);
        if (plans) {
          const { clause, params } = queueWhere(f, viewer, now);
          const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT c.id FROM cases c ${clause} ORDER BY c.created_at LIMIT 100`).all(...params) as { detail: string }[];
          console.log(`    plan: ${plan.map((p) => p.detail).join(' | ')}`);
        }
      }
      return Math.max(...p95s);
    };
    const worst = await measure(typical);
    console.log(`queue first page, ten typical views: worst p95 ${worst.toFixed(2)} ms (target ≤ 20 ms)`);
    await measure(more);

    const dash = dashboard(db, {}, now);
    console.log(summary('dashboard.get (all sites)', await timeRuns(50, () => dashboard(db, {}, now))));
    console.log(summary('dashboard.get (Bürgerbüro)', await timeRuns(50, () => dashboard(db, { siteId: 1 }, now))));
    console.log(summary('dashboard.get (Gewerbe-Anmeldung)', await timeRuns(50, () => dashboard(db, { serviceId: 'gewerbe-anmeldung' }, now))));
    console.log(
      `dashboard: ${dash.open} open, ${dash.dueToday} due today, ${dash.overdue} overdue, received today ${dash.perDay.at(-1)!.received}, finished in 30 days ${dash.perDay.reduce((s, d) => s + d.finished, 0)}`,
    );
    const exportFilter = schema.parse({});
    console.log(
      summary('CSV export of the open queue', await timeRuns(10, () => queueCsv(listAllCases(db, exportFilter, viewer, now, 10_000) ?? []))),
    );
    if (keep) console.log(`data folder kept: ${dir} (sign in as "leitung" or "admin", password "${PASSWORD}")`);
  } finally {
    db.close();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
