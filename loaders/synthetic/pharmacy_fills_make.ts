/**
 * Making the fills of a range of members from their inputs (no database): shared by the pipeline's
 * thread and the claim workers (`claim_part_worker.ts`). The formulas are in `pharmacy_fills.ts`.
 */
import type { NumericColumn } from "../lib/duckdb_columns.ts";
import { type Column, ParquetColumnsWriter } from "../lib/parquet_write.ts";
import { Codes, digits, GROUP_ROWS, STATUSES, TextRows } from "./claim_text.ts";
import { rowsOf, seek } from "./member_rows.ts";
import { Draws, type Hash64, hashBytes, hashIndex, roundCents, roundHalfAway, rpois } from "./draws.ts";

const ACUTE_DRUGS = ["amoxicillin 500 mg", "azithromycin 250 mg", "cephalexin 500 mg", "doxycycline 100 mg"];
/** One more than a row group: a group may end on a reversed fill. */
const CAPACITY = GROUP_ROWS + 1;

/** The drug a fill carries, as output codes. */
interface Drug {
  name: number;
  ingredient: number;
  drugClass: number;
  statin: number;
}

/** One row group of fills under construction, flushed to the writer when full. */
class FillGroup {
  n = 0;
  readonly ids = new TextRows(CAPACITY, 24);
  readonly member = new Int32Array(CAPACITY);
  readonly provider = new Int32Array(CAPACITY);
  readonly day = new Int32Array(CAPACITY);
  readonly drug = new Int32Array(CAPACITY);
  readonly ingredient = new Int32Array(CAPACITY);
  readonly drugClass = new Int32Array(CAPACITY);
  readonly statin = new Int32Array(CAPACITY);
  readonly daysSupply = new Int32Array(CAPACITY);
  readonly quantity = new Float64Array(CAPACITY);
  readonly allowed = new Float64Array(CAPACITY);
  readonly paid = new Float64Array(CAPACITY);
  readonly status = new Int32Array(CAPACITY);

  /**
   * Makes the next row's claim id `head`, then `suffix`, and 'R' for a reversal; returns its start
   * in `ids.bytes`.
   */
  id(head: Uint8Array, suffix: Uint8Array, suffixLength: number, reversal: boolean): number {
    const length = head.length + suffixLength + (reversal ? 1 : 0);
    const start = this.ids.reserve(this.n, length), bytes = this.ids.bytes;
    bytes.set(head, start);
    for (let i = 0; i < suffixLength; i++) bytes[start + head.length + i] = suffix[i]!;
    if (reversal) bytes[start + length - 1] = 82; // 'R'
    return start;
  }

  columns(dictionaries: {
    members: readonly string[];
    providers: readonly string[];
    drugs: Codes;
    ingredients: Codes;
    classes: Codes;
    statins: Codes;
  }): Column[] {
    const n = this.n;
    return [
      this.ids.column("claim_id", n),
      {
        name: "member_id",
        type: "dictionary",
        dictionary: dictionaries.members,
        codes: this.member.subarray(0, n),
      },
      {
        name: "provider_id",
        type: "dictionary",
        dictionary: dictionaries.providers,
        codes: this.provider.subarray(0, n),
      },
      { name: "dispensing_date", type: "date", values: this.day.subarray(0, n) },
      {
        name: "drug_name",
        type: "dictionary",
        dictionary: dictionaries.drugs.values,
        codes: this.drug.subarray(0, n),
      },
      {
        name: "ingredient",
        type: "dictionary",
        dictionary: dictionaries.ingredients.values,
        codes: this.ingredient.subarray(0, n),
      },
      {
        name: "drug_class",
        type: "dictionary",
        dictionary: dictionaries.classes.values,
        codes: this.drugClass.subarray(0, n),
      },
      {
        name: "statin_intensity",
        type: "dictionary",
        dictionary: dictionaries.statins.values,
        codes: this.statin.subarray(0, n),
      },
      { name: "days_supply", type: "int32", values: this.daysSupply.subarray(0, n) },
      { name: "quantity", type: "double", values: this.quantity.subarray(0, n) },
      { name: "allowed_amount", type: "double", values: this.allowed.subarray(0, n) },
      { name: "paid_amount", type: "double", values: this.paid.subarray(0, n) },
      { name: "claim_status", type: "dictionary", dictionary: STATUSES, codes: this.status.subarray(0, n) },
    ];
  }
}

/** Everything the fills are made from, as plain data that a worker can receive. */
export interface FillInputs {
  seed: number;
  months: number;
  rejected: number;
  reversed: number;
  /** The member index of `memberIds[0]` (and of the first row of `members`). */
  memberBase: number;
  memberIds: string[];
  providerIds: string[];
  /** Per member: pharmacy code (−1: none) and the member id's hash. */
  members: Record<string, NumericColumn>;
  therapies: Record<string, NumericColumn>;
  spans: Record<string, NumericColumn>;
  acute: Record<string, NumericColumn>;
  /** Per drug code: name, ingredient, class and statin intensity. */
  drugs: (string | null)[][];
}

/**
 * Makes the fills of members `from…to` (member indexes) and writes them to `path`; returns the
 * row count. The tables in `inputs` may hold those members' rows only.
 */
export async function makeFills(inputs: FillInputs, from: number, to: number, path: string): Promise<number> {
  const { months, rejected, reversed, memberBase, memberIds, members } = inputs;
  const therapies = rowsOf(inputs.therapies, from, to);
  const spans = rowsOf(inputs.spans, from, to);
  const acute = rowsOf(inputs.acute, from, to);
  const draws = new Draws(inputs.seed);
  const dictionaries = {
    members: memberIds,
    providers: inputs.providerIds,
    drugs: new Codes(),
    ingredients: new Codes(),
    classes: new Codes(),
    statins: new Codes(),
  };
  const drugOf = (
    name: string | null,
    ingredient: string | null,
    drugClass: string | null,
    statin: string | null,
  ) => ({
    name: dictionaries.drugs.of(name),
    ingredient: dictionaries.ingredients.of(ingredient),
    drugClass: dictionaries.classes.of(drugClass),
    statin: dictionaries.statins.of(statin),
  });
  const drugs: Drug[] = inputs.drugs.map(([name, ingredient, drugClass, statin]) =>
    drugOf(name!, ingredient!, drugClass!, statin!)
  );
  const acuteDrugs = ACUTE_DRUGS.map((name) => drugOf(name, name.split(" ")[0]!, "antibiotic", null));

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
  const group = new FillGroup();
  const schema = group.columns(dictionaries);
  const writer = await ParquetColumnsWriter.create(path, schema);
  const suffix = new Uint8Array(8);

  const flush = async () => {
    await writer.writeRowGroup(group.columns(dictionaries));
    group.n = 0;
  };

  /** Adds one fill (and its reversal when it is reversed); the caller flushes a full group. */
  const add = (
    member: number,
    head: Uint8Array,
    suffixLength: number,
    provider: number,
    day: number,
    drug: Drug,
    daysSupply: number,
    quantity: number,
    allowed: number,
  ) => {
    const start = group.id(head, suffix, suffixLength, false);
    const idHash: Hash64 = hashBytes(group.ids.bytes, group.ids.offsets[group.n + 1]! - start, start);
    const u = draws.runif(tags.status, idHash, zero, zero);
    const isRejected = u < rejected;
    const isReversed = !isRejected && u < rejected + reversed;
    const paid = roundCents(allowed * 0.8);
    for (let copy = 0; copy < (isReversed ? 2 : 1); copy++) {
      const reversal = copy === 1;
      if (reversal) group.id(head, suffix, suffixLength, true);
      const i = group.n;
      group.member[i] = member;
      group.provider[i] = provider;
      group.day[i] = day;
      group.drug[i] = drug.name;
      group.ingredient[i] = drug.ingredient;
      group.drugClass[i] = drug.drugClass;
      group.statin[i] = drug.statin;
      group.daysSupply[i] = daysSupply;
      group.quantity[i] = quantity;
      group.allowed[i] = reversal ? -allowed : allowed;
      group.paid[i] = reversal ? -paid : isRejected ? 0 : paid;
      group.status[i] = reversal ? 2 : isRejected ? 1 : 0;
      group.n++;
    }
  };

  try {
    let t = 0, s = 0, a = 0;
    for (let member = from; member < to; member++) {
      t = seek(therapies.member_index!, t, member);
      s = seek(spans.member_index!, s, member);
      a = seek(acute.member_index!, a, member);
      const local = member - memberBase;
      const provider = members.provider![local]!;
      if (provider < 0) continue;
      const memberHash: Hash64 = { hi: members.hash_hi![local]!, lo: members.hash_lo![local]! };
      const head = encoder.encode(`RX${memberIds[local]}`);
      let spanEnd = s;
      while (spanEnd < spans.member_index!.length && spans.member_index![spanEnd] === member) spanEnd++;

      suffix[0] = 45; // '-'
      suffix[1] = 65; // 'A'
      for (; a < acute.member_index!.length && acute.member_index![a] === member; a++) {
        const m = acute.m![a]!;
        const monthStart = acute.month_start![a]!, lastDay = acute.last_day![a]!;
        const n = rpois(acute.lam![a]!, acute.u![a]!);
        const mh = hashIndex(m);
        digits(suffix, 2, m, 2);
        for (let k = 0; k < n; k++) {
          const kh = hashIndex(k);
          digits(suffix, 4, k, 2);
          add(
            local,
            head,
            6,
            provider,
            monthStart +
              Math.floor(draws.runif(tags.acuteDay, memberHash, mh, kh) * (lastDay - monthStart + 1)),
            acuteDrugs[Math.floor(draws.runif(tags.acuteDrug, memberHash, mh, kh) * 4)]!,
            10,
            20,
            roundCents(14 * Math.exp(0.3 * draws.rnorm(tags.acuteCost, memberHash, mh, kh))),
          );
          if (group.n >= GROUP_ROWS) await flush();
        }
      }

      suffix[1] = 84; // 'T'
      for (; t < therapies.member_index!.length && therapies.member_index![t] === member; t++) {
        const therapy: Hash64 = { hi: therapies.hash_hi![t]!, lo: therapies.hash_lo![t]! };
        const d = therapies.days_supply![t]!, adherence = therapies.adherence![t]!;
        const candidates = Math.min(
          therapies.fills_before_stop![t]! + 1,
          Math.ceil((months * 3044) / (100 * d)) + 1,
        );
        const firstFill = therapies.first_fill![t]!, cost30 = therapies.cost_30d![t]!;
        const drug = drugs[therapies.drug_code![t]!]!;
        digits(suffix, 2, therapies.therapy_no![t]!, 2);
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
          let enrolled = false;
          for (let j = s; j < spanEnd && !enrolled; j++) {
            enrolled = day >= spans.start_day![j]! && day <= spans.end_day![j]!;
          }
          if (!enrolled) continue;
          digits(suffix, 4, k, 3);
          add(
            local,
            head,
            7,
            provider,
            day,
            drug,
            d,
            d,
            roundCents(cost30 * d / 30 * Math.exp(0.1 * draws.rnorm(tags.cost, therapy, kh, zero))),
          );
          if (group.n >= GROUP_ROWS) await flush();
        }
      }
    }
    if (group.n > 0) await flush();
  } catch (error) {
    writer.abandon();
    throw error;
  }
  return await writer.close();
}
