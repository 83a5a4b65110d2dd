import { PDFArray, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';

export type PdfAMetadata = {
  title: string;
  subject: string;
  author: string;
  /** Recorded as creation and modification date, in the Info dictionary and the XMP alike. */
  createdAt: Date;
  /** 16 bytes: the trailer /ID (both halves) and the XMP document id. */
  documentId: Uint8Array;
  /** sRGB ICC profile bytes (assets/icc/sRGB.icc) for the output intent. */
  srgbIcc: Uint8Array;
  language: string;
};

const creatorTool = 'TiepNhan';
// pdf-lib would otherwise write its own Producer; PDF/A wants Info and XMP to agree, so we set both.
const producer = 'TiepNhan (pdf-lib)';

/**
 * What PDF/A-2b (ISO 19005-2, level B) asks of the document beyond embedded fonts: an output intent
 * with an embedded ICC profile (6.2.3), XMP metadata in an unfiltered stream with the pdfaid
 * identification and values matching the Info dictionary (6.6.2, 6.6.4), and a trailer /ID (6.1.3).
 * Nothing here is verified by a PDF/A validator (veraPDF is not available on our build machines).
 */
export function applyPdfA(doc: PDFDocument, m: PdfAMetadata): void {
  const ctx = doc.context;
  doc.setTitle(m.title, { showInWindowTitleBar: true });
  doc.setSubject(m.subject);
  doc.setAuthor(m.author);
  doc.setCreator(creatorTool);
  doc.setProducer(producer);
  doc.setCreationDate(m.createdAt);
  doc.setModificationDate(m.createdAt);
  doc.setLanguage(m.language);

  const icc = ctx.flateStream(m.srgbIcc, { N: 3 });
  const intent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: ctx.register(icc),
  });
  doc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([ctx.register(intent)]));

  const hex = Buffer.from(m.documentId).toString('hex');
  const xmp = xmpPacket(m, `uuid:${uuidOf(hex)}`);
  // Unfiltered on purpose: PDF/A forbids a Filter on the metadata stream so any tool can read it.
  const meta = ctx.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(meta));

  const id = PDFHexString.of(hex.toUpperCase());
  ctx.trailerInfo.ID = PDFArray.withContext(ctx);
  (ctx.trailerInfo.ID as PDFArray).push(id);
  (ctx.trailerInfo.ID as PDFArray).push(id);
}

/** pdf-lib writes Info dates in UTC to the second (D:YYYYMMDDHHmmSSZ); the XMP says the same instant. */
const xmpDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const uuidOf = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

function xmpPacket(m: PdfAMetadata, documentId: string): string {
  const date = xmpDate(m.createdAt);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>${xml(m.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:language><rdf:Bag><rdf:li>${xml(m.language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>${creatorTool}</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <pdf:Producer>${xml(producer)}</pdf:Producer>
   <xmpMM:DocumentID>${documentId}</xmpMM:DocumentID>
   <xmpMM:InstanceID>${documentId}</xmpMM:InstanceID>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
