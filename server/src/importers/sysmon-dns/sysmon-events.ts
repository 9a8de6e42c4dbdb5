// Sysmon event 22 (DnsQuery) fields from the shapes exporters write: evtx_dump JSON
// (`Event.System` / `Event.EventData`, attributes under `#attributes`), Winlogbeat
// (`winlog.event_data`), and EVTX XML (`<Event><System>…<EventData><Data Name="…">`).
import { XMLParser } from 'fast-xml-parser';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SysmonFields {
  eventId?: number;
  computer?: string;
  systemTime?: string;
  data: Record<string, string>;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** `Data` as an array of {Name, #text} (XML-shaped JSON) or a plain map. */
function dataMap(d: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(d)) return out;
  const list = d.Data;
  // XML-shaped: Data elements (whitespace between them may appear as #text).
  if (list !== undefined && Object.keys(d).every((k) => k === 'Data' || k === '#text')) {
    for (const x of Array.isArray(list) ? list : [list]) {
      if (!isObj(x)) continue;
      const attrs = isObj(x['#attributes']) ? x['#attributes'] as Obj : x;
      const name = text(attrs['@Name'] ?? attrs.Name);
      if (name !== undefined) out[name] = text(x['#text']) ?? '';
    }
    return out;
  }
  for (const [k, v] of Object.entries(d)) {
    const t = text(v);
    if (t !== undefined) out[k] = t;
  }
  return out;
}

/** Fields of a JSON-exported event, or null when the object is no Windows event. */
export function fieldsFromJson(o: Obj): SysmonFields | null {
  if (isObj(o.Event)) {
    const ev = o.Event as Obj;
    const sys = isObj(ev.System) ? ev.System as Obj : {};
    const tc = isObj(sys.TimeCreated) ? sys.TimeCreated as Obj : {};
    const tca = isObj(tc['#attributes']) ? tc['#attributes'] as Obj : tc;
    const id = sys.EventID;
    const idNum = Number(isObj(id) ? text(id['#text']) : text(id));
    return {
      eventId: Number.isFinite(idNum) ? idNum : undefined, computer: text(sys.Computer),
      systemTime: text(tca.SystemTime ?? tca['@SystemTime']), data: dataMap(ev.EventData),
    };
  }
  if (isObj(o.winlog)) {
    const w = o.winlog as Obj;
    const id = Number(text(w.event_id));
    return {
      eventId: Number.isFinite(id) ? id : undefined, computer: text(w.computer_name),
      systemTime: text(o['@timestamp']), data: dataMap(w.event_data),
    };
  }
  return null;
}

const xml = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false,
  processEntities: true, trimValues: false,
});

/** Fields of one `<Event>…</Event>` element; throws on malformed XML (the caller rejects). */
export function fieldsFromXml(s: string): SysmonFields | null {
  const doc = xml.parse(s) as Obj;
  const ev = doc.Event;
  if (!isObj(ev)) return null;
  const sys = isObj(ev.System) ? ev.System as Obj : {};
  const tc = isObj(sys.TimeCreated) ? sys.TimeCreated as Obj : {};
  const id = sys.EventID;
  const idNum = Number(isObj(id) ? text(id['#text']) : text(id));
  return {
    eventId: Number.isFinite(idNum) ? idNum : undefined, computer: text(sys.Computer),
    systemTime: text(tc['@SystemTime']), data: dataMap(ev.EventData),
  };
}
