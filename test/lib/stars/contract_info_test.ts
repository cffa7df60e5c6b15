import assert from "node:assert/strict";
import { parseContractInfo } from "../../../src/lib/stars/contract_info.ts";
import { contractInfo2026 } from "./_cms_2026.ts";

Deno.test("parseContractInfo(): SNP, I-SNP-only and disaster share per contract", () => {
  const info = parseContractInfo(
    "contract_id,snp,isnp_only,disaster_2024_pct,overall\nH0001,Y,N,45,4\nS0002,,,,\n",
    "i.csv",
  );
  assert.deepEqual(info.get("H0001"), { snp: true, isnpOnly: false, disasterPct: 45 });
  assert.deepEqual(info.get("S0002"), { snp: undefined, isnpOnly: undefined, disasterPct: null });
  assert.throws(
    () => parseContractInfo("contract_id,snp\nH0001,yes\n", "i.csv"),
    /i\.csv row 2: "snp" must be Y or N \("yes"\)/,
  );
  assert.throws(
    () => parseContractInfo("contract_id,disaster_2024_pct\nH0001,120\n", "i.csv"),
    /a percentage from 0 to 100 \("120"\)/,
  );
  assert.throws(() => parseContractInfo("id\nH0001\n", "i.csv"), /column "contract_id" is missing/);
  assert.equal(contractInfo2026.size, 621);
  assert.equal([...contractInfo2026.values()].filter((i) => (i.disasterPct ?? 0) >= 25).length, 79);
});
