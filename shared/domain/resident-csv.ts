/** The columns of the Melderegister CSV (resources/demo/README.md), shared by the importer and the import screen. */
export const RESIDENT_CSV_COLUMN_NAMES = [
  'kennung',
  'familienname',
  'vornamen',
  'rufname',
  'doktorgrad',
  'fruehere_namen',
  'ordens_kuenstlername',
  'geburtsdatum',
  'geburtsort',
  'geschlecht',
  'steuer_id',
  'gesetzliche_vertreter',
  'staatsangehoerigkeiten',
  'religion',
  'familienstand',
  'ehegatte',
  'kinder',
  'ausweis',
  'sterbedatum',
  'auskunftssperre',
  'wohnungsart',
  'strasse',
  'hausnummer',
  'plz',
  'ort',
  'einzug',
  'auszug',
] as const;
export type ResidentCsvColumnName = (typeof RESIDENT_CSV_COLUMN_NAMES)[number];

/** Pflichtspalten: the header must name them and every person needs a value. */
export const REQUIRED_RESIDENT_CSV_COLUMNS: readonly ResidentCsvColumnName[] = ['kennung', 'familienname', 'vornamen', 'geburtsdatum'];
