/**
 * Zip packages that are not workbooks, as a secretary might pick one: a Word document (the
 * smallest package Word opens) and a plain zip of files, each to be saved under an .xlsx name.
 */
import JSZip from "jszip";

const CT = "http://schemas.openxmlformats.org/package/2006/content-types";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** A one-paragraph .docx. */
export async function wordDocument(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="${CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}" Target="word/document.xml"/></Relationships>`);
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>2026年度党支部工作总结</w:t></w:r></w:p></w:body></w:document>`);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** A zip of two photos' worth of bytes: no Office package at all. */
export async function plainZip(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("照片/1.jpg", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  zip.file("说明.txt", "支部活动照片");
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const ODF_TEXT = "application/vnd.oasis.opendocument.text";
const OFFICE = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"';

/**
 * A one-paragraph OpenDocument text (.odt) laid out as the ODF package rules say: "mimetype"
 * first and stored uncompressed (that is how a reader knows it by its first bytes), then the
 * manifest and the content. With `mimetypeFirst` false, the same parts in the order a general
 * zip tool may write them after unzipping and re-zipping: mimetype last, compressed.
 */
export async function openDocumentText(mimetypeFirst = true): Promise<Uint8Array> {
  const zip = new JSZip();
  if (mimetypeFirst) zip.file("mimetype", ODF_TEXT, { compression: "STORE" });
  zip.file(
    "META-INF/manifest.xml",
    `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
      `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODF_TEXT}"/>` +
      `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>` +
      `<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
  );
  zip.file("content.xml", `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${OFFICE}><office:body><office:text><text:p>关于开展年度民主评议党员工作的通知</text:p></office:text></office:body></office:document-content>`);
  zip.file("styles.xml", `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${OFFICE}/>`);
  zip.file("meta.xml", `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${OFFICE}><office:meta/></office:document-meta>`);
  if (!mimetypeFirst) zip.file("mimetype", ODF_TEXT);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * An OpenDocument package (a real .ods) unzipped and zipped again by a general tool: the same
 * parts, "mimetype" no longer first. LibreOffice still opens it.
 */
export async function rezipped(odf: Uint8Array): Promise<Uint8Array> {
  const from = await JSZip.loadAsync(odf);
  const zip = new JSZip();
  const names = Object.keys(from.files).filter((n) => !from.files[n]?.dir);
  for (const name of [...names.filter((n) => n !== "mimetype"), "mimetype"]) {
    const f = from.file(name);
    if (f) zip.file(name, await f.async("uint8array"));
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** A zip with an .xlsb's parts (xl/workbook.bin), as Excel writes a binary workbook. */
export async function binaryWorkbookZip(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="${CT}"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}" Target="xl/workbook.bin"/></Relationships>`);
  zip.file("xl/workbook.bin", new Uint8Array([0x83, 0x01, 0x00, 0x84, 0x01, 0x00]));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** A Numbers document saved as one file: a zip of Index/*.iwa parts. */
export async function numbersZip(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("Index/Document.iwa", new Uint8Array([0x00, 0x1a, 0x00, 0x00, 0x01, 0x02]));
  zip.file("Metadata/Properties.plist", "bplist00");
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
