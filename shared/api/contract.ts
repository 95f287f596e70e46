import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { CASE_STATUSES } from '../domain/status';
import { CHANNELS, DELIVERY_METHODS, PAYMENT_METHODS } from '../domain/channels';
import { personName } from '../domain/person-name';
import { registeredNumberProblem } from '../domain/registered-mail';
import type { DispatchCandidate, DispatchLogEntry, PrintRunDetail, PrintRunSummary } from '../domain/dispatch';
import { envelopeConfigSchema, postagePricesSchema } from '../domain/postage';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { PortalConfigView, PortalStatus, RejectedSubmission } from '../domain/portal';
import {
  DUE_FILTERS,
  QUEUE_SCOPES,
  type AuditEntryView,
  type AuditVerification,
  type Dashboard,
  type RetentionCandidate,
  type ServiceDeadlineConfig,
  type TeamMember,
} from '../domain/teams';
import type {
  CaseDetail,
  CaseSummary,
  PrinterInfo,
  Resident,
  ResidentSummary,
  SessionInfo,
  Settings,
  Site,
  User,
} from '../domain/types';
import { TASK_STATES } from '../domain/types';
import { AWAITING_FILTERS } from '../domain/queue';

import { ADMIN, ALL, op, STAFF, SUPERVISOR, type OperationDef } from './op';
import { briefwahlOps } from './ops/briefwahl';
import { gewerbeOps } from './ops/gewerbe';
import { hundesteuerOps } from './ops/hundesteuer';
import { personenstandOps } from './ops/personenstand';

export type { OperationDef };

const empty = z.object({}).strict();

export const password = z
  .string()
  .min(10, 'Das Passwort muss mindestens 10 Zeichen lang sein.')
  .max(200, 'Das Passwort ist zu lang.');

export { personName };

export const username = z
  .string()
  .trim()
  .min(2, 'Der Benutzername ist zu kurz.')
  .max(40)
  .regex(/^[a-z0-9._-]+$/, 'Benutzername: nur Kleinbuchstaben, Ziffern, Punkt, Binde- und Unterstrich.');

const id = z.number().int().positive();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum im Format JJJJ-MM-TT erwartet.');
const reason = z.string().trim().min(3, 'Bitte einen Grund angeben (mindestens 3 Zeichen).').max(500);

const printerProfile = z.object({
  adapter: z.enum(['system', 'folder']),
  printerName: z.string().max(200),
  media: z.string().max(40),
  tray: z.string().max(40),
});

export const settingsPatch = z
  .object({
    fees: z.record(z.string(), z.number().int().min(0).max(100_000)),
    idleLockMinutes: z.number().int().min(1).max(120),
    sessionHours: z.number().int().min(1).max(24),
    letterhead: z.object({
      authority: z.string().trim().min(1).max(120),
      department: z.string().trim().max(120),
      street: z.string().trim().max(120),
      postalCode: z.string().trim().regex(/^\d{5}$/, 'Postleitzahl: fünf Ziffern.'),
      city: z.string().trim().min(1).max(80),
      phone: z.string().trim().max(60),
      email: z.string().trim().max(120),
      website: z.string().trim().max(120),
      place: z.string().trim().min(1).max(80),
      sealImage: z
        .string()
        .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'Siegel: PNG-Bild erwartet.')
        .max(2_000_000)
        .nullable(),
    }),
    printers: z.object({ certificate: printerProfile, letter: printerProfile, envelope: printerProfile }),
    bank: z.object({
      accountHolder: z.string().trim().max(120),
      iban: z
        .string()
        .trim()
        .max(42)
        .refine((v) => v === '' || isValidIBAN(electronicFormatIBAN(v) ?? ''), 'Die IBAN ist ungültig (Prüfziffer oder Länge).'),
      bic: z
        .string()
        .trim()
        .max(11)
        .refine((v) => v === '' || isValidBIC(v.toUpperCase()), 'Die BIC ist ungültig.'),
      bankName: z.string().trim().max(120),
    }),
    postage: postagePricesSchema,
    envelopes: envelopeConfigSchema,
    dispatch: z.object({ printEnvelopes: z.boolean(), chunkSize: z.number().int().min(1).max(500) }),
    outboxDir: z.string().trim().min(1).max(500),
  })
  .partial();

export const caseFilter = z.object({
  status: z.array(z.enum(CASE_STATUSES)).optional(),
  serviceId: z.string().optional(),
  channel: z.enum(CHANNELS).optional(),
  siteId: id.optional(),
  search: z.string().trim().max(100).optional(),
  /** Whose cases: everyone's, the caller's ("Meine Fälle"), the caller's site ("Team"), nobody's. */
  scope: z.enum(QUEUE_SCOPES).default('all'),
  /** Cases of one clerk (supervisors' view). */
  assigneeId: id.optional(),
  /** Target or legal date today / passed / today or passed (Europe/Berlin). */
  due: z.enum(DUE_FILTERS).optional(),
  /** Waiting for the Teamleitung's approval or for a Standesbeamter's signature. */
  awaiting: z.enum(AWAITING_FILTERS).optional(),
  /** Received on or after / before this day (Europe/Berlin), for the dashboard's click-through. */
  receivedFrom: isoDay.optional(),
  receivedTo: isoDay.optional(),
  /** Open cases at least / at most this many days old (dashboard age buckets). */
  minAgeDays: z.number().int().min(0).max(10_000).optional(),
  maxAgeDays: z.number().int().min(0).max(10_000).optional(),
  /** Finished (handed over, dispatched or closed) between these days (Europe/Berlin), optionally by this user. */
  finishedFrom: isoDay.optional(),
  finishedTo: isoDay.optional(),
  finishedBy: id.optional(),
  /** Closed, rejected and cancelled cases are hidden unless asked for. */
  includeFinished: z.boolean().default(false),
  sort: z.enum(['oldest', 'newest', 'due']).default('oldest'),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

const dispatchFilter = z.object({
  siteId: id.optional(),
  serviceId: z.string().max(60).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  caseIds: z.array(id).max(5000).optional(),
});

const dispatchLogQuery = z.object({ date: isoDay, siteId: id });

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => /^https?:\/\/[^\s/]+/.test(v), 'Bitte eine Adresse mit http:// oder https:// eingeben.');

export const contract = {
  'setup.status': op<{ needsAdmin: boolean; residentCount: number; sites: Site[] }>()({
    input: empty,
    access: 'public',
    personal: false,
  }),
  'setup.createAdmin': op<SessionInfo>()({
    input: z.object({ username, displayName: personName, password, siteId: id }),
    access: 'public',
    personal: false,
  }),
  'setup.loadDemoData': op<{ residents: number }>()({
    input: empty,
    access: ADMIN,
    personal: true,
  }),

  'auth.login': op<SessionInfo>()({
    input: z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }),
    access: 'public',
    personal: false,
  }),
  'auth.session': op<SessionInfo | null>()({ input: empty, access: 'public', personal: false }),
  'auth.logout': op<{ ok: true }>()({ input: empty, access: ALL, personal: false }),
  /** Locks the screen now (the renderer calls it when idle; the core also locks on its own clock). */
  'auth.lock': op<{ ok: true }>()({ input: empty, access: ALL, personal: false }),
  'auth.unlock': op<SessionInfo>()({
    input: z.object({ password: z.string().min(1).max(200) }),
    access: ALL,
    personal: false,
  }),
  'auth.changePassword': op<{ ok: true }>()({
    input: z.object({ currentPassword: z.string().min(1).max(200), newPassword: password }),
    access: ALL,
    personal: false,
  }),

  'users.list': op<User[]>()({ input: empty, access: ADMIN, personal: false }),
  'users.create': op<User>()({
    input: z.object({ username, displayName: personName, role: z.enum(ROLES), siteId: id, password, registrar: z.boolean().default(false) }),
    access: ADMIN,
    personal: false,
  }),
  'users.update': op<User>()({
    input: z.object({
      userId: id,
      displayName: personName.optional(),
      role: z.enum(ROLES).optional(),
      siteId: id.optional(),
      active: z.boolean().optional(),
      /** Appointed Standesbeamtin/Standesbeamter. */
      registrar: z.boolean().optional(),
    }),
    access: ADMIN,
    personal: false,
  }),
  'users.unlock': op<User>()({ input: z.object({ userId: id }), access: ADMIN, personal: false }),
  'users.resetPassword': op<User>()({
    input: z.object({ userId: id, password }),
    access: ADMIN,
    personal: false,
  }),

  'sites.list': op<Site[]>()({ input: empty, access: ALL, personal: false }),

  'settings.get': op<Settings>()({ input: empty, access: ALL, personal: false }),
  'settings.update': op<Settings>()({ input: settingsPatch, access: ADMIN, personal: false }),
  'printers.list': op<PrinterInfo[]>()({ input: empty, access: ADMIN, personal: false }),

  'residents.search': op<ResidentSummary[]>()({
    input: z
      .object({
        name: z.string().trim().max(100).optional(),
        birthDate: z
          .string()
          .trim()
          .regex(/^(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$/, 'Geburtsdatum im Format TT.MM.JJJJ eingeben.')
          .optional(),
        address: z.string().trim().max(100).optional(),
        limit: z.number().int().min(1).max(100).default(50),
      })
      .refine((v) => Boolean(v.name || v.birthDate || v.address), {
        message: 'Bitte Name, Geburtsdatum oder Anschrift eingeben.',
      }),
    access: STAFF,
    personal: true,
  }),
  'residents.get': op<Resident>()({ input: z.object({ residentId: id }), access: STAFF, personal: true }),
  'residents.importCsv': op<{ imported: number; updated: number }>()({
    input: z.object({ csv: z.string().min(1).max(50_000_000) }),
    access: ADMIN,
    personal: true,
  }),

  'cases.list': op<{ total: number; items: CaseSummary[] }>()({
    input: caseFilter,
    access: STAFF,
    personal: true,
  }),
  'cases.get': op<CaseDetail>()({ input: z.object({ caseId: id }), access: STAFF, personal: true }),
  'cases.createWalkIn': op<CaseDetail>()({
    input: z.object({
      serviceId: z.string().min(1).max(60),
      /** The person from the Melderegister; optional for services that do not need one (ServiceDefinition.needsResident). */
      residentId: id.nullable().default(null),
      data: z.record(z.string(), z.unknown()),
      deliveryMethod: z.enum(DELIVERY_METHODS).default('counter'),
      /** Einschreiben option for postal delivery. */
      registered: z.enum(['einwurf', 'uebergabe', 'rueckschein']).nullable().default(null),
    }),
    access: STAFF,
    personal: true,
  }),
  /** A supervisor approves a case that needs it (e.g. a stated legal interest, § 62 Abs. 1 PStG) before its fee. */
  'cases.approve': op<CaseDetail>()({ input: z.object({ caseId: id, reason }), access: SUPERVISOR, personal: true }),
  /**
   * A Standesbeamtin/Standesbeamter confirms the signature and seal of a printed certificate (users.registrar is
   * checked in the core: the appointment is not a role).
   */
  'cases.sign': op<CaseDetail>()({ input: z.object({ caseId: id }), access: STAFF, personal: true }),
  /** Sets the state of one of the case's tasks (e.g. the Gewerbeanzeige sent to the IHK). */
  'cases.updateTask': op<CaseDetail>()({
    input: z.object({
      caseId: id,
      taskKey: z.string().min(1).max(60),
      state: z.enum(TASK_STATES),
      note: z.string().trim().max(500).nullable().default(null),
    }),
    access: STAFF,
    personal: true,
  }),
  'cases.transition': op<CaseDetail>()({
    input: z.object({ caseId: id, to: z.enum(['in_progress', 'waiting', 'rejected', 'cancelled']), reason: reason.optional() }),
    access: STAFF,
    personal: true,
  }),
  'cases.recordPayment': op<CaseDetail>()({
    input: z
      .object({ caseId: id, method: z.enum(PAYMENT_METHODS), freeReason: z.string().trim().max(300).optional() })
      .refine((v) => v.method !== 'free' || (v.freeReason ?? '').length >= 3, {
        message: 'Für Gebührenfreiheit bitte den Grund angeben.',
        path: ['freeReason'],
      }),
    access: STAFF,
    personal: true,
  }),
  /** Renders the case's document without storing it: the preview before printing. */
  'cases.previewDocument': op<{ pdfBase64: string }>()({
    input: z.object({ caseId: id }),
    access: STAFF,
    personal: true,
  }),
  /** Creates the document, prints it on the certificate printer and marks the case issued once the job completed. */
  'cases.issue': op<CaseDetail>()({ input: z.object({ caseId: id }), access: STAFF, personal: true }),
  'cases.handOver': op<CaseDetail>()({ input: z.object({ caseId: id }), access: STAFF, personal: true }),
  /** Postal cases may be sent with the fee still open (payment instructions in the cover letter). */
  'cases.markReadyForPost': op<CaseDetail>()({ input: z.object({ caseId: id }), access: STAFF, personal: true }),

  'dispatch.candidates': op<DispatchCandidate[]>()({ input: dispatchFilter, access: STAFF, personal: true }),
  'dispatch.startRun': op<PrintRunDetail>()({ input: dispatchFilter, access: STAFF, personal: true }),
  'dispatch.listRuns': op<PrintRunSummary[]>()({
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }),
    access: STAFF,
    personal: false,
  }),
  'dispatch.getRun': op<PrintRunDetail>()({ input: z.object({ runId: id }), access: STAFF, personal: true }),
  'dispatch.pauseRun': op<PrintRunDetail>()({ input: z.object({ runId: id }), access: STAFF, personal: false }),
  'dispatch.resumeRun': op<PrintRunDetail>()({ input: z.object({ runId: id }), access: STAFF, personal: false }),
  'dispatch.cancelRun': op<PrintRunDetail>()({ input: z.object({ runId: id, reason }), access: STAFF, personal: false }),
  'dispatch.reprintItem': op<PrintRunDetail>()({ input: z.object({ itemId: id, reason }), access: STAFF, personal: true }),
  'dispatch.log': op<DispatchLogEntry[]>()({ input: dispatchLogQuery, access: STAFF, personal: true }),
  'dispatch.logPdf': op<{ pdfBase64: string }>()({ input: dispatchLogQuery, access: STAFF, personal: true }),
  'dispatch.logCsv': op<{ csv: string; fileName: string }>()({ input: dispatchLogQuery, access: STAFF, personal: true }),
  'dispatch.setRegisteredNumber': op<DispatchLogEntry>()({
    input: z.object({
      logId: id,
      number: z
        .string()
        .trim()
        .max(30)
        .superRefine((v, ctx) => {
          const problem = registeredNumberProblem(v);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    }),
    access: STAFF,
    personal: true,
  }),

  /** An attachment of an online case (PDF or image), to open in the app. */
  'cases.attachment': op<{ filename: string; mimeType: string; base64: string }>()({
    input: z.object({ caseId: id, attachmentId: z.string().uuid() }),
    access: STAFF,
    personal: true,
  }),

  'portal.status': op<PortalStatus>()({ input: empty, access: STAFF, personal: false, background: true }),
  /** "Jetzt abrufen": runs one sync at once and answers with the status after it. */
  'portal.syncNow': op<PortalStatus>()({ input: empty, access: STAFF, personal: true }),
  'portal.getConfig': op<PortalConfigView>()({ input: empty, access: ADMIN, personal: false }),
  'portal.saveConfig': op<PortalConfigView>()({
    input: z.object({
      tokenUrl: httpUrl,
      apiUrl: httpUrl,
      clientId: z.string().trim().min(1, 'Bitte die Client-ID eingeben.').max(200),
      /** Left empty: the stored secret stays. */
      clientSecret: z.string().max(500).optional(),
      destinationId: z.string().trim().uuid('Die Zustellpunkt-ID ist keine UUID.'),
      pollMinutes: z.number().int().min(1, 'Mindestens 1 Minute.').max(1440, 'Höchstens 1440 Minuten.'),
    }),
    access: ADMIN,
    personal: false,
  }),
  /** Generates the destination's RSA-4096 key pairs (encryption RSA-OAEP-256, signing PS512). */
  'portal.generateKeys': op<PortalConfigView>()({ input: empty, access: ADMIN, personal: false }),
  'portal.publicKeys': op<{ jwks: { keys: Record<string, unknown>[] } }>()({ input: empty, access: ADMIN, personal: false }),
  'portal.testConnection': op<{ ok: boolean; message: string }>()({ input: empty, access: ADMIN, personal: false }),
  'portal.rejected': op<RejectedSubmission[]>()({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    access: ADMIN,
    personal: false,
  }),

  /** "Übernehmen": the case becomes the caller's; refused with who holds it and since when if it is someone else's. */
  'cases.claim': op<CaseDetail>()({ input: z.object({ caseId: id }), access: STAFF, personal: true }),
  /** "Freigeben": gives the case back to the queue, with a reason in the history. */
  'cases.release': op<CaseDetail>()({ input: z.object({ caseId: id, reason }), access: STAFF, personal: true }),
  /** A supervisor takes over a case another clerk holds, with a reason. */
  'cases.takeOver': op<CaseDetail>()({ input: z.object({ caseId: id, reason }), access: SUPERVISOR, personal: true }),
  /** Supervisors assign or reassign cases to a clerk (or to nobody) and/or move them to a site. */
  'cases.assign': op<{ updated: number }>()({
    input: z
      .object({
        caseIds: z.array(id).min(1, 'Bitte mindestens einen Vorgang wählen.').max(1000),
        /** null: nobody (back to the site's queue); undefined: assignee unchanged. */
        assigneeId: id.nullable().optional(),
        siteId: id.optional(),
        reason,
      })
      .refine((v) => v.assigneeId !== undefined || v.siteId !== undefined, {
        message: 'Bitte eine Sachbearbeitung oder einen Standort wählen.',
        path: ['assigneeId'],
      }),
    access: SUPERVISOR,
    personal: true,
  }),
  /** Colleagues cases can be assigned to (no personal data of citizens). */
  'users.team': op<TeamMember[]>()({ input: empty, access: STAFF, personal: false }),
  /** The queue view as CSV (same filter as the list, all pages). */
  'cases.exportCsv': op<{ csv: string; fileName: string; rows: number }>()({
    input: caseFilter.omit({ limit: true, offset: true }),
    access: STAFF,
    personal: true,
  }),
  'dashboard.get': op<Dashboard>()({
    input: z.object({ siteId: id.optional(), serviceId: z.string().max(60).optional() }),
    access: SUPERVISOR,
    personal: false,
  }),
  'deadlines.get': op<Record<string, ServiceDeadlineConfig>>()({ input: empty, access: STAFF, personal: false }),
  'deadlines.update': op<Record<string, ServiceDeadlineConfig>>()({
    input: z.record(
      z.string().max(60),
      z.object({
        targetWorkingDays: z.number().int().min(0).max(365),
        legalWorkingDays: z.number().int().min(0).max(365).nullable(),
        retentionMonths: z.number().int().min(1, 'Mindestens 1 Monat.').max(1200),
      }),
    ),
    access: ADMIN,
    personal: false,
  }),
  'audit.list': op<{ total: number; items: AuditEntryView[] }>()({
    input: z.object({
      from: isoDay.optional(),
      to: isoDay.optional(),
      username: z.string().trim().max(60).optional(),
      operation: z.string().trim().max(60).optional(),
      /** e.g. "case:12" or "resident:40" */
      subject: z.string().trim().max(60).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    access: ADMIN,
    personal: false,
  }),
  'audit.verify': op<AuditVerification>()({ input: empty, access: ADMIN, personal: false }),
  /** Closed cases whose retention period has ended. */
  'retention.due': op<RetentionCandidate[]>()({ input: empty, access: ADMIN, personal: false }),
  /** Deletes the given due cases with documents and attachments; an anonymous statistic stays. */
  'retention.purge': op<{ deleted: number }>()({
    input: z.object({ caseIds: z.array(id).min(1).max(10_000) }),
    access: ADMIN,
    personal: true,
  }),

  'documents.get': op<{ pdfBase64: string; number: string }>()({
    input: z.object({ documentId: id }),
    access: STAFF,
    personal: true,
  }),

  ...personenstandOps,
  ...hundesteuerOps,
  ...gewerbeOps,
  ...briefwahlOps,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type InputOf<K extends OperationName> = z.input<Contract[K]['input']>;
export type OutputOf<K extends OperationName> = Contract[K] extends OperationDef<z.ZodTypeAny, infer O> ? O : never;

export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export type ErrorCode =
  | 'UNKNOWN_OPERATION'
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'SESSION_LOCKED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRINT_FAILED'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  /** German, for the clerk. */
  message: string;
  fields?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
