/**
 * The seeded synthetic upload of the utilization upload benchmarks: a claims CSV in the flat-claims layout,
 * padded with an extra, unmapped comment column (as exports often carry) to about 100 bytes a row, so
 * 2,000,000 rows make about 200 MB, and a members CSV. Same seed → same bytes.
 */
import { join } from "node:path";
import { seededRandom } from "../src/lib/prng.ts";

/** Writes `members.csv` and `claims.csv` to `dir`, a chunk of lines at a time; returns the claims bytes. */
export async function writeUploadFiles(dir: string, rows: number, members: number): Promise<number> {
  const random = seededRandom(20261);
  const encoder = new TextEncoder();
  const m = ["member_id,company_id,age,gender,join_date"];
  for (let i = 0; i < members; i++) {
    m.push(`M${i},CO${i % 200},${20 + (i % 45)},${i % 2 ? "F" : "M"},2024-0${1 + (i % 6)}-01`);
  }
  await Deno.writeTextFile(join(dir, "members.csv"), m.join("\n") + "\n");
  const file = await Deno.open(join(dir, "claims.csv"), { write: true, create: true, truncate: true });
  const pad = "x".repeat(46);
  let lines = ["claim_id,member_id,PROV_CODE,service_date,period,is_er,admission_flag,net_bill,comment"];
  for (let i = 0; i < rows; i++) {
    const month = String(1 + Math.floor(random() * 12)).padStart(2, "0");
    const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
    const er = random() < 0.05;
    lines.push(
      `CLM${String(i).padStart(9, "0")},M${Math.floor(random() * members)},P${Math.floor(random() * 500)},` +
        `2024-${month}-${day},2024${month},${er ? 1 : 0},${er && random() < 0.2 ? 1 : 0},` +
        `${(20 + random() * 900).toFixed(2)},${pad}`,
    );
    if (lines.length === 100_000 || i === rows - 1) {
      const bytes = encoder.encode(lines.join("\n") + "\n");
      for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
      lines = [];
    }
  }
  file.close();
  return (await Deno.stat(join(dir, "claims.csv"))).size;
}
