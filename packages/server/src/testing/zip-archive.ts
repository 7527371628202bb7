/**
 * Test and benchmark support: zip archives and workbooks written byte by
 * byte, to build what no spreadsheet program would save — a sheet that
 * unzips to hundreds of megabytes, a part that declares a size it does not
 * have.
 */
import { type ZipPart, zipArchive } from "../files/zip-writer.ts";

export type { ZipPart };

/** A zip archive of deflated entries (what an .xlsx is). */
export function zip(entries: ZipPart[]): Buffer {
  return zipArchive(entries);
}

/** A workbook of one sheet, «Indicadores», with this XML inside its <sheetData>. */
export function oneSheetWorkbook(sheetData: string, declaredSize?: number): Buffer {
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`;
  return zip([
    {
      name: "[Content_Types].xml",
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: "_rels/.rels",
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: "xl/workbook.xml",
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Indicadores" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheet), declaredSize },
  ]);
}

/** A workbook whose only sheet, «Indicadores», unzips to about `megabytes` MB. */
export function bombWorkbook(megabytes: number): Buffer {
  const text = "A".repeat(1000);
  const rows: string[] = [];
  let size = 0;
  for (let r = 1; size < megabytes * 1024 * 1024; r++) {
    const row = `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${text}</t></is></c></row>`;
    rows.push(row);
    size += row.length;
  }
  return oneSheetWorkbook(rows.join(""));
}
