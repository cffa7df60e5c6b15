import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import {
  columnIndex,
  decodeXml,
  excelDate,
  isDateFormat,
  readXlsx,
} from "../../../loaders/input/read_xlsx.ts";

/** An .xlsx written by exceljs (an independent writer), as bytes. */
async function workbook(
  build: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet("First"), book);
  book.addWorksheet("Second").addRow(["ignored"]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

Deno.test("readXlsx()", async (t) => {
  await t.step(
    "reads the first sheet: strings, numbers, dates, booleans, formulas, rich text, gaps",
    async () => {
      const bytes = await workbook((sheet) => {
        sheet.addRow(["PROV_CODE ", "PROV_NAME", "joined", "active", "count", "note"]);
        sheet.addRow(["H1", "Clínica & Sol", new Date(Date.UTC(2024, 0, 5)), true, 3.5, {
          formula: "1+1",
          result: 2,
        }]);
        sheet.addRow([12, { richText: [{ text: "Gen" }, { text: "eral" }] }, null, false, null, "a\nb"]);
        sheet.addRow([]);
        sheet.getCell("A6").value = "H6";
        sheet.getCell("G6").value = "beyond the header";
        sheet.getCell("C7").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      });
      const sheet = await readXlsx(bytes, "providers.xlsx");
      assert.deepEqual(sheet.headers, ["PROV_CODE", "PROV_NAME", "joined", "active", "count", "note"]);
      assert.deepEqual(sheet.rows, [
        { rowNumber: 1, cells: ["H1", "Clínica & Sol", "2024-01-05", "true", "3.5", "2"] },
        { rowNumber: 2, cells: ["12", "General", null, "false", null, "a\nb"] },
        { rowNumber: 5, cells: ["H6", null, null, null, null, null] },
      ]);
    },
  );

  await t.step("dates in a workbook using the 1904 date system", async () => {
    const bytes = await workbook((sheet, book) => {
      book.properties.date1904 = true;
      sheet.addRow(["d"]);
      sheet.addRow([new Date(Date.UTC(2023, 11, 31))]);
    });
    assert.deepEqual((await readXlsx(bytes, "d.xlsx")).rows, [{ rowNumber: 1, cells: ["2023-12-31"] }]);
  });

  await t.step("refuses a file that is not a workbook, naming it", async () => {
    await assert.rejects(
      readXlsx(new TextEncoder().encode("a,b\n1,2\n"), "providers.xlsx"),
      /^Error: Cannot read providers\.xlsx: not an \.xlsx workbook/,
    );
  });
});

Deno.test("xlsx helpers", () => {
  assert.equal(columnIndex("A1"), 0);
  assert.equal(columnIndex("Z9"), 25);
  assert.equal(columnIndex("AA10"), 26);
  assert.equal(excelDate(45296, false), "2024-01-05");
  assert.equal(excelDate(1, true), "1904-01-02");
  assert.equal(decodeXml("&lt;a&gt; &quot;b&quot; &#233;&#x00F1;_x000A_"), '<a> "b" éñ\n');
  assert.equal(isDateFormat("yyyy-mm-dd"), true);
  assert.equal(isDateFormat("[$-409]d-mmm-yy"), true);
  assert.equal(isDateFormat('0.00" days"'), false);
  assert.equal(isDateFormat("#,##0"), false);
});
