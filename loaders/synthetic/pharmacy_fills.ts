/**
 * The pharmacy fills of `pharmacy_claims.sql`, made in TypeScript from the generator's tables and
 * written straight to Parquet: the same rows and values, in the output's order (member, then claim
 * id), without the SQL's list expansions, joins and sort.
 *
 * Per member (with a pharmacy in the member's region, picked once per member):
 * - acute fills: for each member-month with at least one (u ≥ e^{−λ}), n = rpois(λ, u) fills
 *   `RX<member>-A<mm><kk>` on day ⌊runif('rx_acute_day')·(days left in the month)⌋, one of four
 *   antibiotics, allowed = round(14·exp(0.3·rnorm('rx_acute_cost')), 2);
 * - maintenance fills: therapy t's k-th candidate fill falls on first_fill + Σ_{j≤k} step_j with
 *   step_0 = 0, step_j = d + round(d·(1/a − 1)·exp(0.5·rnorm('rx_gap', t, j) − 0.125)),
 *   for k < min(fills_before_stop + 1, ⌈months·30.44/d⌉ + 1), kept while the member is enrolled;
 *   `RX<member>-T<tt><kkk>`, allowed = round(cost₃₀·d/30·exp(0.1·rnorm('rx_cost', t, k)), 2);
 * - each fill is rejected (paid 0) when runif('rx_status', claim_id) < r, reversed when it falls in
 *   [r, r + v): the fill is paid and followed by its reversal `…R` with negated amounts;
 *   paid = round(0.8·allowed, 2).
 *
 * The pipeline still writes the SQL's fills: this version is checked equal to them
 * (`test/loaders/pharmacy_fills_test.ts`) but is not yet faster (docs/synthetic-data.md, "Towards a
 * generator in TypeScript").
 */
import { type Db, queryRows } from "../lib/duckdb.ts";
import { type Column, writeParquetColumns } from "../lib/parquet_write.ts";
import { readSql } from "../lib/sql_file.ts";
import { Draws, type Hash64, hashBytes, hashIndex, hashText, roundCents, rpois } from "./draws.ts";

const ACUTE_DRUGS = ["amoxicillin 500 mg", "azithromycin 250 mg", "cephalexin 500 mg", "doxycycline 100 mg"];
const STATUSES = ["paid", "rejected", "reversed"] as const;

/** Grows a typed array column as rows are added. */
class Growing<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(public data: T, private readonly make: (n: number) => T) {}

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const ints = (n = 1 << 16) => new Growing(new Int32Array(n), (m) => new Int32Array(m));
const doubles = (n = 1 << 16) => new Growing(new Float64Array(n), (m) => new Float64Array(m));

/** Codes for text values, in order of first appearance. */
class Codes {
  readonly values: string[] = [];
  readonly #index = new Map<string, number>();

  of(value: string | null): number {
    if (value === null) return -1;
    let code = this.#index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.#index.set(value, code);
    }
    return code;
  }
}

/** The fills table under construction, column by column. */
class Fills {
  bytes = new Uint8Array(1 << 20);
  byteLength = 0;
  readonly offsets = ints();
  readonly member = ints();
  readonly provider = ints();
  readonly day = ints();
  readonly drug = ints();
  readonly ingredient = ints();
  readonly drugClass = ints();
  readonly statin = ints();
  readonly daysSupply = ints();
  readonly quantity = doubles();
  readonly allowed = doubles();
  readonly paid = doubles();
  readonly status = ints();
  readonly providers = new Codes();
  readonly drugs = new Codes();
  readonly ingredients = new Codes();
  readonly classes = new Codes();
  readonly statins = new Codes();

  constructor() {
    this.offsets.push(0);
  }

  /** Appends a claim id: the member's prefix, an ASCII suffix and, for a reversal, 'R'. */
  id(prefix: Uint8Array, suffix: string, reversal: boolean): void {
    const n = prefix.length + suffix.length + (reversal ? 1 : 0);
    if (this.byteLength + n > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.byteLength + n));
      next.set(this.bytes.subarray(0, this.byteLength));
      this.bytes = next;
    }
    const b = this.bytes;
    let at = this.byteLength;
    b.set(prefix, at);
    at += prefix.length;
    for (let i = 0; i < suffix.length; i++) b[at++] = suffix.charCodeAt(i);
    if (reversal) b[at++] = 82; // 'R'
    this.byteLength = at;
    this.offsets.push(at);
  }

  columns(memberIds: readonly string[]): Column[] {
    return [
      {
        name: "claim_id",
        type: "text",
        bytes: this.bytes.subarray(0, this.byteLength),
        offsets: this.offsets.view(),
      },
      { name: "member_id", type: "dictionary", dictionary: memberIds, codes: this.member.view() },
      {
        name: "provider_id",
        type: "dictionary",
        dictionary: this.providers.values,
        codes: this.provider.view(),
      },
      { name: "dispensing_date", type: "date", values: this.day.view() },
      { name: "drug_name", type: "dictionary", dictionary: this.drugs.values, codes: this.drug.view() },
      {
        name: "ingredient",
        type: "dictionary",
        dictionary: this.ingredients.values,
        codes: this.ingredient.view(),
      },
      {
        name: "drug_class",
        type: "dictionary",
        dictionary: this.classes.values,
        codes: this.drugClass.view(),
      },
      {
        name: "statin_intensity",
        type: "dictionary",
        dictionary: this.statins.values,
        codes: this.statin.view(),
      },
      { name: "days_supply", type: "int32", values: this.daysSupply.view() },
      { name: "quantity", type: "double", values: this.quantity.view() },
      { name: "allowed_amount", type: "double", values: this.allowed.view() },
      { name: "paid_amount", type: "double", values: this.paid.view() },
      { name: "claim_status", type: "dictionary", dictionary: [...STATUSES], codes: this.status.view() },
    ];
  }
}

/** Two-digit and three-digit zero padding, as `lpad(n::varchar, w, '0')` (values below 10^w). */
function pad(n: number, width: number): string {
  const s = String(n);
  if (s.length > width) throw new RangeError(`pad: ${n} does not fit ${width} digits`);
  return s.padStart(width, "0");
}

interface Rows {
  rows: Record<string, unknown>[];
  at: number;
}

/** The rows of `cursor` for `memberId` (rows ordered by member id), advancing the cursor. */
function take(cursor: Rows, memberId: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  while (cursor.at < cursor.rows.length && (cursor.rows[cursor.at]!.member_id as string) < memberId) {
    cursor.at++;
  }
  while (cursor.at < cursor.rows.length && cursor.rows[cursor.at]!.member_id === memberId) {
    out.push(cursor.rows[cursor.at++]!);
  }
  return out;
}

const asDay = (v: unknown): number => Number(v);

/**
 * Makes the synthetic payer's fills from the generator's tables (`people`, `therapies`,
 * `eligibility`, `exposure`, `provider_index`) and writes them to `path`; returns the row count.
 */
export async function writePharmacyFills(db: Db, path: string): Promise<number> {
  const [settings] = await queryRows(
    db,
    `select getvariable('seed')::bigint as seed, getvariable('months')::integer as months,
       getvariable('claim_status__rejected')::double as rejected, getvariable('claim_status__reversed')::double as reversed`,
  );
  const draws = new Draws(Number(settings!.seed));
  const months = Number(settings!.months);
  const rejected = Number(settings!.rejected), reversed = Number(settings!.reversed);
  const query = (file: string) => queryRows(db, readSql(import.meta.url, file));
  const members = await query("pharmacy_fills_members.sql");
  const therapies: Rows = { rows: await query("pharmacy_fills_therapies.sql"), at: 0 };
  const spans: Rows = { rows: await query("pharmacy_fills_spans.sql"), at: 0 };
  const acute: Rows = { rows: await query("pharmacy_fills_acute.sql"), at: 0 };

  const fills = new Fills();
  const memberIds = members.map((m) => m.member_id as string);
  const tags = {
    acuteDay: draws.tag("rx_acute_day"),
    acuteDrug: draws.tag("rx_acute_drug"),
    acuteCost: draws.tag("rx_acute_cost"),
    gap: draws.tag("rx_gap"),
    cost: draws.tag("rx_cost"),
    status: draws.tag("rx_status"),
  };
  const zero = hashIndex(0);
  const encoder = new TextEncoder();

  const add = (
    memberIndex: number,
    prefix: Uint8Array,
    suffix: string,
    fill: {
      provider: number;
      day: number;
      drug: string;
      ingredient: string;
      drugClass: string;
      statin: string | null;
      daysSupply: number;
      quantity: number;
      allowed: number;
    },
  ) => {
    // runif('rx_status', claim_id, 0, 0): the claim id's bytes are hashed where they are written
    fills.id(prefix, suffix, false);
    const start = fills.offsets.data[fills.offsets.length - 2]!;
    const u = draws.runif(
      tags.status,
      hashBytes(fills.bytes.subarray(start, fills.byteLength)),
      zero,
      zero,
    );
    const isRejected = u < rejected;
    const isReversed = !isRejected && u < rejected + reversed;
    const paid = roundCents(fill.allowed * 0.8);
    const row = (reversal: boolean) => {
      fills.member.push(memberIndex);
      fills.provider.push(fill.provider);
      fills.day.push(fill.day);
      fills.drug.push(fills.drugs.of(fill.drug));
      fills.ingredient.push(fills.ingredients.of(fill.ingredient));
      fills.drugClass.push(fills.classes.of(fill.drugClass));
      fills.statin.push(fills.statins.of(fill.statin));
      fills.daysSupply.push(fill.daysSupply);
      fills.quantity.push(fill.quantity);
      fills.allowed.push(reversal ? -fill.allowed : fill.allowed);
      fills.paid.push(reversal ? -paid : isRejected ? 0 : paid);
      fills.status.push(reversal ? 2 : isRejected ? 1 : 0);
    };
    row(false);
    if (isReversed) {
      fills.id(prefix, suffix, true);
      row(true);
    }
  };

  for (const [memberIndex, member] of members.entries()) {
    const memberId = member.member_id as string;
    const memberTherapies = take(therapies, memberId);
    const memberSpans = take(spans, memberId);
    const memberAcute = take(acute, memberId);
    if (member.provider_id === null) continue;
    const provider = fills.providers.of(member.provider_id as string);
    const prefix = encoder.encode(`RX${memberId}`);
    const memberHash: Hash64 = hashText(memberId);

    for (const a of memberAcute) {
      const m = Number(a.m);
      const monthStart = asDay(a.month_start), lastDay = asDay(a.last_day);
      const n = rpois(a.lam as number, a.u as number);
      const mh = hashIndex(m);
      for (let k = 0; k < n; k++) {
        const kh = hashIndex(k);
        const drug = ACUTE_DRUGS[Math.floor(draws.runif(tags.acuteDrug, memberHash, mh, kh) * 4)]!;
        add(memberIndex, prefix, `-A${pad(m, 2)}${pad(k, 2)}`, {
          provider,
          day: monthStart +
            Math.floor(draws.runif(tags.acuteDay, memberHash, mh, kh) * (lastDay - monthStart + 1)),
          drug,
          ingredient: drug.split(" ")[0]!,
          drugClass: "antibiotic",
          statin: null,
          daysSupply: 10,
          quantity: 20,
          allowed: roundCents(14 * Math.exp(0.3 * draws.rnorm(tags.acuteCost, memberHash, mh, kh))),
        });
      }
    }

    for (const t of memberTherapies) {
      const therapy = hashText(t.therapy_id as string);
      const d = Number(t.days_supply), adherence = t.adherence as number;
      const candidates = Math.min(
        Number(t.fills_before_stop) + 1,
        Math.ceil((months * 3044) / (100 * d)) + 1,
      );
      const firstFill = asDay(t.first_fill);
      let offset = 0;
      for (let k = 0; k < candidates; k++) {
        const kh = hashIndex(k);
        if (k > 0) {
          offset += d +
            roundHalfAway(
              d * (1 / adherence - 1) * Math.exp(0.5 * draws.rnorm(tags.gap, therapy, kh, zero) - 0.125),
            );
        }
        const day = firstFill + offset;
        if (!memberSpans.some((s) => day >= asDay(s.start_day) && day <= asDay(s.end_day))) continue;
        add(memberIndex, prefix, `-T${pad(Number(t.therapy_no), 2)}${pad(k, 3)}`, {
          provider,
          day,
          drug: t.drug_name as string,
          ingredient: t.ingredient as string,
          drugClass: t.drug_class as string,
          statin: t.statin_intensity as string | null,
          daysSupply: d,
          quantity: d,
          allowed: roundCents(
            (t.cost_30d as number) * d / 30 * Math.exp(0.1 * draws.rnorm(tags.cost, therapy, kh, zero)),
          ),
        });
      }
    }
  }
  return await writeParquetColumns(path, fills.columns(memberIds), { rowGroupRows: 122_880 });
}

/** DuckDB's `round(x)` of a double: to the nearest integer, halves away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
