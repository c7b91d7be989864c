// XML of a workbook part, a chunk at a time, through saxes (a conformant, maintained SAX
// parser): element names without their namespace prefix, attributes and text with
// entities decoded. A DOCTYPE is refused (a workbook never has one), and so is a run of
// text or a tag longer than any cell could need, before saxes buffers it.
import { SaxesParser } from 'saxes';

/** Characters between two '<' at most: a cell's 32,767 characters written as entities (×8), and some. */
export const MAX_TEXT_RUN = 4 * 1024 * 1024;

export interface XmlHandlers {
  open?: (name: string, attrs: Record<string, string>, selfClosing: boolean) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
  /** A run of text or a tag longer than MAX_TEXT_RUN: refuse it where it is (else the part is refused as damaged). */
  tooLong?: () => never;
}

export const localName = (qname: string) => {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
};

/** An attribute by its local name (r:id and id alike). */
export function attr(attrs: Record<string, string>, local: string): string | undefined {
  if (local in attrs) return attrs[local];
  for (const k in attrs) if (localName(k) === local) return attrs[k];
  return undefined;
}

/** OOXML's _xHHHH_ escapes, for characters XML cannot carry. */
export const decodeOoxml = (s: string) => (s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));

export class XmlReader {
  private readonly parser = new SaxesParser({ xmlns: false });
  private readonly decoder = new TextDecoder('utf-8');
  private run = 0;

  constructor(
    private readonly handlers: XmlHandlers,
    private readonly fail: (why: string) => never,
  ) {
    const p = this.parser;
    p.on('opentag', (t) => handlers.open?.(localName(t.name), t.attributes as Record<string, string>, t.isSelfClosing));
    p.on('closetag', (t) => handlers.close?.(localName(t.name)));
    if (handlers.text) {
      p.on('text', handlers.text);
      p.on('cdata', handlers.text);
    }
    p.on('doctype', () => fail('it declares a DOCTYPE, which a workbook never has'));
    p.on('error', (e) => fail(e.message.replace(/^.*?:\d+:\d+: /, '')));
  }

  /** Feeds raw bytes of the part (UTF-8). */
  bytes(chunk: Uint8Array, final: boolean): void {
    this.write(this.decoder.decode(chunk, { stream: !final }));
    if (final) this.end();
  }

  write(text: string): void {
    const lt = text.lastIndexOf('<');
    this.run = lt < 0 ? this.run + text.length : text.length - lt - 1;
    if (this.run > MAX_TEXT_RUN) this.handlers.tooLong?.();
    if (this.run > MAX_TEXT_RUN) this.fail(`a value or tag of more than ${MAX_TEXT_RUN.toLocaleString('en-GB')} characters, where a cell holds at most 32,767`);
    this.parser.write(text);
  }

  /** The end of the part: a part cut short would lose rows quietly. */
  end(): void {
    this.parser.close();
  }
}

/** A whole small part. */
export function readXml(text: string, handlers: XmlHandlers, fail: (why: string) => never): void {
  const r = new XmlReader(handlers, fail);
  for (let p = 0; p < text.length; p += 1 << 20) r.write(text.slice(p, p + (1 << 20)));
  r.end();
}
