import { zipSync } from 'fflate';
import type { ArchiveYear } from '../app/archive/archive-types.js';
import { stableUuid } from '../app/archive/ids.js';
import { localDateOf, localTimeOf } from '../domain/calendar.js';
import type { FileContent, RenderedFile } from './file-content.js';
import { escapeMarkup } from './markup.js';

/**
 * A year of a working group as an xdomea 3.0.0 hand-over to the archive
 * (`Aussonderung.Aussonderung.0503`, the IT-Planungsrat's standard, decision 2017/39): the message
 * and its primary files, packed as the standard's zip (`<ProzessID>_Aussonderung.Aussonderung.0503.zip`,
 * the message as `<ProzessID>_Aussonderung.Aussonderung.0503.xml` beside the files it names). The
 * files are the same renderings the bot files and serves (src/files/documents.ts), in German.
 * Tests validate every message against the schemas in ../shared/xdomea.
 */
const NS = 'urn:xoev-de:xdomea:schema:3.0.0';
const MESSAGE = 'Aussonderung.Aussonderung.0503';
const PRODUCT_VERSION = '0.1.0';

/** xdomea's file format codes (code list Dateiformat 1.0). */
const FORMAT: Record<string, string> = { docx: '035', csv: '002', xml: '030', txt: '045' };

type Render = (content: FileContent, locale: 'de' | 'en') => Promise<RenderedFile>;

type Primary = {
  readonly id: string;
  readonly fileName: string;
  readonly content: Buffer;
  readonly ext: string;
};

const esc = escapeMarkup;

const el = (name: string, body: string) => `<xdomea:${name}>${body}</xdomea:${name}>`;
const text = (name: string, value: string) => el(name, esc(value));

/** Local Berlin time without zone, as the schema's xs:dateTime examples have it. */
const localDateTime = (at: Date) => `${localDateOf(at)}T${localTimeOf(at)}:00`;

function dokument(p: Primary, betreff: string, typ: string, datum: string, madeAt: Date): string {
  return el(
    'Dokument',
    [
      el('Identifikation', text('ID', p.id)),
      el('AllgemeineMetadaten', text('Betreff', betreff)),
      text('DatumDesSchreibens', datum),
      text('Typ', typ),
      el(
        'Version',
        [
          text('Nummer', '1'),
          el(
            'Format',
            [
              `<xdomea:Name listURI="urn:xoev-de:xdomea:codeliste:dateiformat" listVersionID="1.0"><code>${FORMAT[p.ext] ?? '045'}</code></xdomea:Name>`,
              text('Version', p.ext === 'docx' ? 'Office Open XML' : '1.0'),
              el(
                'Primaerdokument',
                [text('Dateiname', p.fileName), text('DatumUhrzeit', localDateTime(madeAt))].join(''),
              ),
            ].join(''),
          ),
        ].join(''),
      ),
    ].join(''),
  );
}

const archivable = el(
  'ArchivspezifischeMetadaten',
  el(
    'Aussonderungsart',
    `<xdomea:Aussonderungsart listURI="urn:xoev-de:xdomea:codeliste:aussonderungsart" listVersionID="1.0"><code>A</code></xdomea:Aussonderungsart>`,
  ),
);

export async function renderArchive(
  a: ArchiveYear,
  render: Render,
): Promise<RenderedFile & { readonly documents: number }> {
  const files: Primary[] = [];
  /** Renders a file of the hand-over; its id is stable for the same object in the same hand-over. */
  const add = async (key: string, content: FileContent): Promise<Primary> => {
    const made = await render(content, 'de');
    const id = stableUuid(`${a.processId}|${key}`);
    const ext = made.fileName.split('.').pop() ?? 'txt';
    const p = { id, fileName: `${id}_${made.fileName}`, content: made.content, ext };
    files.push(p);
    return p;
  };
  const body = a.body;
  const vorgaenge: string[] = [];
  for (const s of a.sessions) {
    const docs: string[] = [];
    if (s.agenda) {
      const p = await add(`agenda|${s.sessionId}`, s.agenda);
      docs.push(dokument(p, `Tagesordnung der Sitzung am ${s.date}`, 'Tagesordnung', s.date, a.madeAt));
    }
    for (const d of s.protocols) {
      const p = await add(`protocol|${s.sessionId}|${d.version}`, {
        kind: 'protocol',
        body,
        document: d,
        ext: 'docx',
      });
      docs.push(
        dokument(
          p,
          `Ergebnisprotokoll der Sitzung am ${s.date} (Fassung ${d.version})`,
          'Ergebnisprotokoll',
          s.date,
          a.madeAt,
        ),
      );
    }
    for (const d of s.decisions) {
      const p = await add(`basis|${d.year}|${d.number}`, {
        kind: 'basis',
        body,
        decision: d,
        madeAt: a.madeAt,
      });
      docs.push(
        dokument(
          p,
          `Entscheidungsgrundlage ${d.label}: ${d.title}`,
          'Entscheidungsgrundlage',
          localDateOf(new Date(d.decidedAt)),
          a.madeAt,
        ),
      );
    }
    vorgaenge.push(
      el(
        'Vorgang',
        [
          el('Identifikation', text('ID', stableUuid(`gremienbot|${body.id}|session|${s.sessionId}`))),
          el(
            'AllgemeineMetadaten',
            text(
              'Betreff',
              `Sitzung ${body.shortName} am ${s.date}${s.status === 'cancelled' ? ' (abgesagt)' : ''}`,
            ) + text('Kennzeichen', s.sessionId),
          ),
          archivable,
          text('Typ', 'Sitzung'),
          el('Laufzeit', text('Beginn', s.date) + text('Ende', s.date)),
          ...docs,
        ].join(''),
      ),
    );
  }
  for (const u of a.umlaufs) {
    const docs: string[] = [];
    if (u.decision) {
      const p = await add(`basis|${u.decision.year}|${u.decision.number}`, {
        kind: 'basis',
        body,
        decision: u.decision,
        madeAt: a.madeAt,
      });
      docs.push(
        dokument(
          p,
          `Entscheidungsgrundlage ${u.decision.label}: ${u.title}`,
          'Entscheidungsgrundlage',
          localDateOf(new Date(u.closedAt)),
          a.madeAt,
        ),
      );
    }
    vorgaenge.push(
      el(
        'Vorgang',
        [
          el('Identifikation', text('ID', stableUuid(`gremienbot|${body.id}|umlauf|${u.umlaufId}`))),
          el(
            'AllgemeineMetadaten',
            text('Betreff', `Umlaufverfahren: ${u.title}`) + text('Kennzeichen', u.umlaufId),
          ),
          archivable,
          text('Typ', 'Umlaufverfahren'),
          el(
            'Laufzeit',
            text('Beginn', localDateOf(new Date(u.openedAt))) +
              text('Ende', localDateOf(new Date(u.closedAt || u.openedAt))),
          ),
          ...docs,
        ].join(''),
      ),
    );
  }
  const yearEnd = `${a.year}-12-31`;
  const registerDocx = await add('register|docx', {
    kind: 'register',
    body,
    entries: a.register,
    year: a.year,
    ext: 'docx',
  });
  const registerCsv = await add('register|csv', {
    kind: 'register',
    body,
    entries: a.register,
    year: a.year,
    ext: 'csv',
  });
  const audit = await add('audit', {
    kind: 'audit',
    body,
    rows: a.audit,
    from: `${a.year}-01-01`,
    to: yearEnd,
  });
  const akteDokumente = [
    dokument(
      registerDocx,
      `Beschlussregister ${body.shortName} ${a.year}`,
      'Beschlussregister',
      yearEnd,
      a.madeAt,
    ),
    dokument(
      registerCsv,
      `Beschlussregister ${body.shortName} ${a.year} (CSV)`,
      'Beschlussregister',
      yearEnd,
      a.madeAt,
    ),
    dokument(
      audit,
      `Änderungsprotokoll (Audit) ${body.shortName} ${a.year}`,
      'Audit-Trail',
      yearEnd,
      a.madeAt,
    ),
  ];
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xdomea:${MESSAGE} xmlns:xdomea="${NS}">`,
    el(
      'Kopf',
      [
        text('ProzessID', a.processId),
        `<xdomea:Nachrichtentyp listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp" listVersionID="2.0"><code>0503</code></xdomea:Nachrichtentyp>`,
        text('Erstellungszeitpunkt', localDateTime(a.madeAt)),
        el(
          'Absender',
          el('Institution', text('Name', `Bezirksamt ${body.district}`)) +
            el('Organisationseinheit', text('Name', body.name)),
        ),
        el('Empfaenger', el('Institution', text('Name', 'Landesarchiv Berlin'))),
        el('SendendesSystem', text('Produktname', 'Gremienbot') + text('Version', PRODUCT_VERSION)),
        text('Importbestaetigung', '1'),
        text('RueckmeldungArchivkennung', '1'),
        text('Empfangsbestaetigung', '1'),
      ].join(''),
    ),
    el(
      'Schriftgutobjekt',
      el(
        'Akte',
        [
          el('Identifikation', text('ID', stableUuid(`gremienbot|${body.id}|year|${a.year}`))),
          el(
            'AllgemeineMetadaten',
            text('Betreff', `${body.name}: Sitzungen, Umlaufverfahren und Beschlüsse ${a.year}`) +
              text('Kennzeichen', `${body.id}/${a.year}`),
          ),
          archivable,
          text('Typ', 'Gremienakte'),
          el('Laufzeit', text('Beginn', `${a.year}-01-01`) + text('Ende', yearEnd)),
          el('Akteninhalt', [...akteDokumente, ...vorgaenge].join('')),
        ].join(''),
      ),
    ),
    `</xdomea:${MESSAGE}>`,
    '',
  ].join('\n');
  const base = `${a.processId}_${MESSAGE}`;
  const zip = zipSync(
    {
      [`${base}.xml`]: Buffer.from(xml, 'utf8'),
      ...Object.fromEntries(files.map((f) => [f.fileName, new Uint8Array(f.content)])),
    },
    { level: 6, mtime: a.madeAt },
  );
  return {
    contentType: 'application/zip',
    fileName: `${base}.zip`,
    content: Buffer.from(zip),
    documents: files.length,
  };
}
