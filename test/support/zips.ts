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
