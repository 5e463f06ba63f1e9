/**
 * How much WordprocessingML a DOCX holds, counted while its XML parts are inflated chunk by
 * chunk, so an oversized document is refused after reading a little of it and without holding
 * it: start tags, table rows (`<w:tr>`, any prefix), table cells (`<w:tc>`), bytes of text
 * between tags, bytes of XML, and how deep elements nest. mammoth builds a tree of every element (about 1 KB each), so
 * a 185 KB archive of a million one-cell rows took the heap to 4.3 GB (issue 16).
 */
import { createInflateRaw } from 'node:zlib';
import { rawEntry, ZipFormatError, type ZipEntry } from './zip-directory.ts';

/**
 * The most a document's XML parts may hold together. A generated report has ~7,000 elements,
 * 50 rows and 320 cells in 180 KB; a long one from Word with every run styled, some tens of
 * thousands of elements in a few MB: the limits are far above any report and far below what
 * exhausts memory (400,000 elements ≈ 400 MB in mammoth).
 */
export interface DocxLimits {
  maxXmlElements: number;
  maxTableRows: number;
  maxTableCells: number;
  /** Bytes of character data (text between tags). */
  maxTextBytes: number;
  /** Bytes of XML, markup included (one attribute can be as long as a whole document). */
  maxXmlBytes: number;
  /** Elements nested in each other (mammoth walks the tree recursively; Word nests some tens deep). */
  maxDepth: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = {
  maxXmlElements: 400_000,
  maxTableRows: 20_000,
  maxTableCells: 200_000,
  maxTextBytes: 16 * 1024 * 1024,
  maxXmlBytes: 64 * 1024 * 1024,
  maxDepth: 1000,
};

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const QUESTION = 0x3f;
const BANG = 0x21;
const LETTER_T = 0x74;
const LETTER_R = 0x72;
const LETTER_C = 0x63;
const VANISH = [...'vanish'].map((c) => c.charCodeAt(0));

const enum State {
  Text,
  /** Just after `<`. */
  Open,
  /** In a start tag's name: the local name's length and its first two bytes are tracked. */
  Name,
  /** In the rest of a start tag, up to `>` (`/>` closes it at once). */
  Tag,
  /** In an end tag, `<?…?>` or `<!…>`, up to `>`. */
  Other,
}

/** Counts across chunks: a tag may be cut anywhere between two chunks. */
export class XmlCensus {
  elements = 0;
  rows = 0;
  cells = 0;
  textBytes = 0;
  xmlBytes = 0;
  /** `<w:vanish>` elements (hidden text, or a hidden-text switch to be read). */
  vanish = 0;
  /** The deepest nesting seen. */
  maxDepth = 0;
  private depth = 0;
  private previous = 0;
  private state = State.Text;
  private localLength = 0;
  private first = 0;
  private second = 0;
  /** How much of the local name matches "vanish" so far (-1: no longer). */
  private vanishMatch = 0;

  /** Counts one chunk of a part (parts are counted one after the other). */
  add(chunk: Uint8Array): void {
    this.xmlBytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      switch (this.state) {
        case State.Text:
          if (b === LT) this.state = State.Open;
          else this.textBytes++;
          break;
        case State.Open:
          if (b === GT) this.state = State.Text;
          else if (b === SLASH) {
            this.depth--;
            this.state = State.Other;
          } else if (b === QUESTION || b === BANG) this.state = State.Other;
          else {
            this.elements++;
            this.state = State.Name;
            this.localLength = 0;
            this.vanishMatch = 0;
            this.nameByte(b);
          }
          break;
        case State.Name:
          if (b <= 0x20 || b === SLASH || b === GT) {
            this.endName();
            if (b === GT) this.open();
            this.state = b === GT ? State.Text : State.Tag;
          } else this.nameByte(b);
          break;
        case State.Tag:
          if (b === GT) {
            if (this.previous !== SLASH) this.open();
            this.state = State.Text;
          }
          break;
        case State.Other:
          if (b === GT) this.state = State.Text;
          break;
      }
      this.previous = b;
    }
  }

  /** A start tag that is not self-closing opens an element. */
  private open(): void {
    if (++this.depth > this.maxDepth) this.maxDepth = this.depth;
  }

  /** Ends a part: a part cut inside a tag does not carry its state into the next. */
  endPart(): void {
    if (this.state === State.Name) this.endName();
    this.state = State.Text;
    this.depth = 0;
  }

  private nameByte(b: number): void {
    if (b === COLON) {
      this.localLength = 0;
      this.vanishMatch = 0;
      return;
    }
    if (this.localLength === 0) this.first = b;
    else if (this.localLength === 1) this.second = b;
    this.vanishMatch = this.vanishMatch >= 0 && VANISH[this.localLength] === b ? this.vanishMatch + 1 : -1;
    this.localLength++;
  }

  private endName(): void {
    if (this.vanishMatch === VANISH.length && this.localLength === VANISH.length) this.vanish++;
    this.vanishMatch = 0;
    if (this.localLength !== 2 || this.first !== LETTER_T) return;
    if (this.second === LETTER_R) this.rows++;
    else if (this.second === LETTER_C) this.cells++;
  }

  /** The first limit passed, said for a person, or null. */
  over(l: DocxLimits): string | null {
    if (this.rows > l.maxTableRows) return `more than ${l.maxTableRows} table rows`;
    if (this.cells > l.maxTableCells) return `more than ${l.maxTableCells} table cells`;
    if (this.elements > l.maxXmlElements) return `more than ${l.maxXmlElements} XML elements`;
    if (this.textBytes > l.maxTextBytes) return `more than ${l.maxTextBytes} bytes of text`;
    if (this.xmlBytes > l.maxXmlBytes) return `more than ${l.maxXmlBytes} bytes of XML`;
    if (this.maxDepth > l.maxDepth) return `XML nested more than ${l.maxDepth} elements deep`;
    return null;
  }
}

/** Thrown when a part passes a limit while it is counted; `reason` says which. */
export class OverLimitError extends Error {}

/**
 * Inflates `entry` chunk by chunk into `census`, never past its declared size (a zip bomb) nor
 * past `limits` (OverLimitError); returns the part's bytes when `keep` (small parts only).
 */
export async function countEntry(bytes: Uint8Array, entry: ZipEntry, census: XmlCensus, limits: DocxLimits, keep = false): Promise<Uint8Array | null> {
  const data = rawEntry(bytes, entry);
  if (entry.encrypted) throw new ZipFormatError(`ZIP part ${entry.name} is encrypted`);
  const kept: Buffer[] = [];
  const take = (chunk: Uint8Array) => {
    census.add(chunk);
    if (keep) kept.push(Buffer.from(chunk));
    const over = census.over(limits);
    if (over) throw new OverLimitError(over);
  };
  if (entry.method === 0) {
    take(data);
  } else if (entry.method === 8) {
    await inflateChunks(data, entry, take);
  } else {
    throw new ZipFormatError(`ZIP part ${entry.name} uses compression method ${entry.method}, which Word does not write`);
  }
  census.endPart();
  return keep ? Buffer.concat(kept) : null;
}

/** Streams the inflated bytes of a deflated part to `take`, stopping at its declared size. */
function inflateChunks(data: Uint8Array, entry: ZipEntry, take: (chunk: Uint8Array) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let total = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(err);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      total += chunk.length;
      if (total > entry.size) return fail(new ZipFormatError(`ZIP part ${entry.name} inflates to more than the ${entry.size} bytes it declares (a zip bomb?)`));
      try {
        take(chunk);
      } catch (err) {
        fail(err as Error);
      }
    });
    inflate.on('error', (err) => fail(new ZipFormatError(`ZIP part ${entry.name} does not inflate: ${err.message}`)));
    inflate.on('end', () => {
      if (!failed) resolve();
    });
    inflate.end(data);
  });
}
