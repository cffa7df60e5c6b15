/**
 * Making the medical claim lines of a range of members from their events (no database): shared by
 * the pipeline's thread and the claim workers (`claim_part_worker.ts`). The formulas are those of
 * `claim_lines.sql` and `medical_claims.sql`, summarised in `medical_claims.ts`.
 */
import type { NumericColumn } from "../lib/duckdb_columns.ts";
import { type Column, ParquetColumnsWriter } from "../lib/parquet_write.ts";
import { Codes, digits, GROUP_ROWS, STATUSES, TextRows } from "./claim_text.ts";
import { Draws, type Hash64, hashBytes, hashIndex, roundCents, rpois, type Tag } from "./draws.ts";
import { type MemberTable, rowsOf, seek } from "./member_rows.ts";

/** A row group and room for the few lines a claim and its reversal may run past it. */
const CAPACITY = GROUP_ROWS + 64;

/** The ambulatory event kinds, in the order `ambulatory_events.sql` draws them. */
export const AMBULATORY_KINDS = [
  "office_visit",
  "specialist_visit",
  "telehealth",
  "urgent_care",
  "outpatient_procedure",
  "imaging",
  "dental",
] as const;
const OFFICE = 0, SPECIALIST = 1, TELEHEALTH = 2, URGENT = 3, PROCEDURE = 4, IMAGING = 5, DENTAL = 6;
const AMBULATORY_POS = ["11", "11", "10", "20", "22", "22", "11"];
const AMBULATORY_SERVICE = [
  "office_visit",
  "office_visit",
  "telehealth",
  "urgent_care",
  "outpatient",
  "imaging",
  "dental",
];
const PROCEDURE_CODES = ["43239", "45380", "29881", "66984", "64483"];
const IMAGING_CODES = ["72148", "70450", "74177", "73721", "71046"];
const DENTAL_CODES = ["D1110", "D0120", "D2392"];
const URGENT_DX = ["J069", "S93401A", "N390", "J029"];
const GENERAL_DX = ["Z0000", "J069", "M545", "R109", "M25561", "L309", "K219", "R51"];
const LAB_CODES = ["80053", "85025", "80061", "84443"];

/** A line kind's allowed-amount parameters: lognormal median and log-sd, and the cap. */
export interface CostParams {
  median: number;
  sigma: number;
  cap: number;
}

/** A preventive or monitoring event's fixed attributes (`care_event_params`). */
export interface CareEventKind {
  event: string;
  procedure_code: string;
  procedure_category: string;
  service_category: string;
  practice_type: string;
  cost_key: string;
  place_of_service: string;
}

/** Everything the medical claims are made from, as plain data that a worker can receive. */
export interface MedicalClaimInputs {
  seed: number;
  rejected: number;
  reversed: number;
  lagMin: number;
  lagMax: number;
  /** The commercial member's share of allowed by service month (index month − 1); MA's constant. */
  commercialShare: number[];
  maShare: number;
  labPerOfficeVisit: number;
  /** Cost parameters by the scenario's cost key (`er_facility`, `lab`, …). */
  costs: Record<string, CostParams>;
  /** The member index of `memberIds[0]` (and of the first row of `members`). */
  memberBase: number;
  memberIds: string[];
  /** Per member: region code (into `regions`), 1 for commercial members, death day (2³¹ − 1: none), frailty. */
  members: Record<string, NumericColumn>;
  regions: string[];
  providerIds: string[];
  /** The providers a line can pick from, by practice type and region (`*` for telehealth), in `idx` order. */
  providerPools: { practice: string; scope: string; codes: number[] }[];
  /** ICD-10 code by condition code (conditions in name order; null: none). */
  conditionIcd10: (string | null)[];
  careKinds: CareEventKind[];
  /** Each result-code value of the care events split at '+', by result code. */
  resultCodes: string[][];
  /** ER visits in member order: visit id after the member id, day, pool, diagnoses, admitted. */
  er: {
    member_index: number[];
    suffix: string[];
    day: number[];
    avoidable: boolean[];
    icd10: string[];
    icd10_2: (string | null)[];
    admitted: boolean[];
  };
  /** Inpatient stays in member order: admission id and provider key after the member id, dates, diagnosis. */
  admissions: {
    member_index: number[];
    suffix: string[];
    key_suffix: string[];
    admission_day: number[];
    discharge_day: number[];
    icd10: string[];
    emergency: boolean[];
  };
  /** Enrollment spans in member order: months `first_m` … `end_m` − 1 of the window. */
  spans: MemberTable;
  /** The window's months: first and last day (days since 1970-01-01) by month number. */
  monthFirstDays: number[];
  monthLastDays: number[];
  /** Each member's condition codes (into `conditionIcd10`) in member and name order. */
  memberConditions: MemberTable;
  /** Per ambulatory kind (in `AMBULATORY_KINDS` order): annual rates, commercial and MA, and per condition. */
  ambulatoryRates: { commercial: number; ma: number; per_condition: number }[];
  /** The respiratory season's factor by month of the year (index month − 1). */
  respiratory: number[];
  /** Care events in member order: event code, year, day, result code (−1: none). */
  care: MemberTable;
}

/** The rows of a member-ordered table of JS arrays for members `from…to`, copied. */
export function arrayRowsOf<T extends { member_index: number[] }>(table: T, from: number, to: number): T {
  const index = table.member_index;
  let a = 0;
  while (a < index.length && index[a]! < from) a++;
  let b = a;
  while (b < index.length && index[b]! < to) b++;
  return Object.fromEntries(
    Object.entries(table).map(([name, column]) => [name, (column as unknown[]).slice(a, b)]),
  ) as T;
}

const KIND_ER = 0, KIND_IP = 1;

/** An ER visit's or inpatient stay's claim, before the member's claims are put in claim-id order. */
interface Claim {
  /** The claim id after `CL` and the member id. */
  id: string;
  kind: number;
  row: number;
  reversal: boolean;
}

/** One row group of claim lines under construction, flushed to the writer when full. */
class LineGroup {
  n = 0;
  readonly ids = new TextRows(CAPACITY, 32);
  readonly line = new Int32Array(CAPACITY);
  readonly member = new Int32Array(CAPACITY);
  readonly provider = new Int32Array(CAPACITY);
  readonly claimType = new Int32Array(CAPACITY);
  readonly service = new Int32Array(CAPACITY);
  readonly pos = new Int32Array(CAPACITY);
  readonly serviceDay = new Int32Array(CAPACITY);
  readonly dischargeDay = new Int32Array(CAPACITY);
  readonly hasDischarge = new Uint8Array(CAPACITY);
  readonly paidDay = new Int32Array(CAPACITY);
  readonly dx1 = new Int32Array(CAPACITY);
  readonly dx2 = new Int32Array(CAPACITY);
  readonly dx3 = new Int32Array(CAPACITY).fill(-1);
  readonly procedure = new Int32Array(CAPACITY);
  readonly category = new Int32Array(CAPACITY);
  readonly revenue = new Int32Array(CAPACITY);
  readonly er = new Uint8Array(CAPACITY);
  readonly admitted = new Uint8Array(CAPACITY);
  readonly hasAdmitted = new Uint8Array(CAPACITY);
  readonly allowed = new Float64Array(CAPACITY);
  readonly paid = new Float64Array(CAPACITY);
  readonly status = new Int32Array(CAPACITY);

  columns(d: Dictionaries): Column[] {
    const n = this.n;
    const dict = (name: string, dictionary: readonly string[], codes: Int32Array): Column => ({
      name,
      type: "dictionary",
      dictionary,
      codes: codes.subarray(0, n),
    });
    return [
      this.ids.column("claim_id", n),
      { name: "claim_line_number", type: "int32", values: this.line.subarray(0, n) },
      dict("member_id", d.members, this.member),
      dict("provider_id", d.providers, this.provider),
      dict("claim_type", d.claimTypes.values, this.claimType),
      dict("service_category", d.services.values, this.service),
      dict("place_of_service_code", d.places.values, this.pos),
      { name: "service_date", type: "date", values: this.serviceDay.subarray(0, n) },
      {
        name: "discharge_date",
        type: "date",
        values: this.dischargeDay.subarray(0, n),
        valid: this.hasDischarge.subarray(0, n),
      },
      { name: "paid_date", type: "date", values: this.paidDay.subarray(0, n) },
      dict("diagnosis_code_1", d.diagnoses.values, this.dx1),
      dict("diagnosis_code_2", d.diagnoses.values, this.dx2),
      dict("diagnosis_code_3", d.diagnoses.values, this.dx3),
      dict("procedure_code", d.procedures.values, this.procedure),
      dict("procedure_category", d.categories.values, this.category),
      dict("revenue_center_code", d.revenues.values, this.revenue),
      { name: "er_visit", type: "boolean", values: this.er.subarray(0, n) },
      {
        name: "admitted",
        type: "boolean",
        values: this.admitted.subarray(0, n),
        valid: this.hasAdmitted.subarray(0, n),
      },
      { name: "allowed_amount", type: "double", values: this.allowed.subarray(0, n) },
      { name: "paid_amount", type: "double", values: this.paid.subarray(0, n) },
      dict("claim_status", STATUSES, this.status),
    ];
  }
}

interface Dictionaries {
  members: readonly string[];
  providers: readonly string[];
  claimTypes: Codes;
  services: Codes;
  places: Codes;
  diagnoses: Codes;
  procedures: Codes;
  categories: Codes;
  revenues: Codes;
}

/** The most lines one claim has (an ER visit 3; a care event 1 + its result codes). */
const MAX_LINES = 16;

/** The lines of one claim before adjudication (the fields `claim_lines.sql` gives them), reused claim after claim. */
class ClaimLines {
  n = 0;
  readonly number = new Int32Array(MAX_LINES);
  readonly practice = new Int32Array(MAX_LINES);
  readonly keyHi = new Uint32Array(MAX_LINES);
  readonly keyLo = new Uint32Array(MAX_LINES);
  readonly claimType = new Int32Array(MAX_LINES);
  readonly service = new Int32Array(MAX_LINES);
  readonly pos = new Int32Array(MAX_LINES);
  readonly serviceDay = new Int32Array(MAX_LINES);
  /** −1: none. */
  readonly dischargeDay = new Int32Array(MAX_LINES);
  readonly dx1 = new Int32Array(MAX_LINES);
  readonly dx2 = new Int32Array(MAX_LINES);
  readonly procedure = new Int32Array(MAX_LINES);
  readonly category = new Int32Array(MAX_LINES);
  readonly revenue = new Int32Array(MAX_LINES);
  readonly er = new Uint8Array(MAX_LINES);
  /** 1 or 0, −1: null. */
  readonly admitted = new Int8Array(MAX_LINES);
  readonly allowed = new Float64Array(MAX_LINES);

  /** Appends a line; `key` is the hash of the key its provider is picked by. */
  add(
    number: number,
    practice: number,
    key: Hash64,
    claimType: number,
    service: number,
    pos: number,
    serviceDay: number,
    dischargeDay: number,
    dx1: number,
    dx2: number,
    procedure: number,
    category: number,
    revenue: number,
    er: boolean,
    admitted: number,
    allowed: number,
  ): void {
    const i = this.n++;
    if (i >= MAX_LINES) throw new RangeError(`a claim has more than ${MAX_LINES} lines`);
    this.number[i] = number;
    this.practice[i] = practice;
    this.keyHi[i] = key.hi;
    this.keyLo[i] = key.lo;
    this.claimType[i] = claimType;
    this.service[i] = service;
    this.pos[i] = pos;
    this.serviceDay[i] = serviceDay;
    this.dischargeDay[i] = dischargeDay;
    this.dx1[i] = dx1;
    this.dx2[i] = dx2;
    this.procedure[i] = procedure;
    this.category[i] = category;
    this.revenue[i] = revenue;
    this.er[i] = er ? 1 : 0;
    this.admitted[i] = admitted;
    this.allowed[i] = allowed;
  }
}

/** The month (1–12) of a day counted from 1970-01-01 (the proleptic Gregorian calendar). */
export function monthOfDay(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return mp < 10 ? mp + 3 : mp - 9;
}

const DASH = 45, L = 76, R = 82, V = 86;

/**
 * Makes the medical claim lines of members `from…to` (member indexes) and writes them to `path`
 * in the output's order (member, claim id, line); returns the row count. The tables in `inputs`
 * may hold those members' rows only, in member order (the spans by month, the conditions by name,
 * the care events by event and year). The ambulatory events are drawn here, month by month.
 *
 * Within a member the claim ids sort as `-A…`/`-E…` (elective stays, ER visits and their stays,
 * sorted here) < `-V…` (ambulatory events, in m·100 + k order; an event's lab claim `…L` and the
 * reversals `…LR`, `…R` follow it) < `-<event>-<year>` (care events, lowercase names).
 */
export async function makeMedicalClaims(
  inputs: MedicalClaimInputs,
  from: number,
  to: number,
  path: string,
): Promise<number> {
  const { memberBase, memberIds, members, rejected, reversed } = inputs;
  const er = inputs.er, ip = inputs.admissions;
  const spans = rowsOf(inputs.spans, from, to);
  const memberConditions = rowsOf(inputs.memberConditions, from, to);
  const care = rowsOf(inputs.care, from, to);
  const draws = new Draws(inputs.seed);
  const d: Dictionaries = {
    members: memberIds,
    providers: inputs.providerIds,
    claimTypes: new Codes(),
    services: new Codes(),
    places: new Codes(),
    diagnoses: new Codes(),
    procedures: new Codes(),
    categories: new Codes(),
    revenues: new Codes(),
  };
  const t = Object.fromEntries(
    [
      "em",
      "er_line2",
      "er_line3",
      "er_fac",
      "er_lab",
      "er_img",
      "ip",
      "amb_n",
      "amb_day",
      "amb_kind",
      "amb_dx",
      "amb_cond",
      "amb_prac",
      "amb_cpt",
      "amb_gdx",
      "amb",
      "lab",
      "lab_cpt",
      "care",
      "provider",
      "status",
      "lag",
      "reversal",
    ].map((name) => [name, draws.tag(name)]),
  ) as Record<string, Tag>;
  const zero = hashIndex(0), one = hashIndex(1), two = hashIndex(2), three = hashIndex(3);
  const cost = (key: string): CostParams => {
    const c = inputs.costs[key];
    if (!c) throw new Error(`makeMedicalClaims: no cost parameters for "${key}"`);
    return c;
  };
  /** rcost(tag, key, b, 0, median, sigma, cap) = round(min(cap, median·e^{sigma·rnorm(tag, key, b, 0)}), 2). */
  const rcost = (tag: Tag, key: Hash64, b: Hash64, c: CostParams, median = c.median, cap = c.cap) =>
    roundCents(Math.min(cap, median * Math.exp(c.sigma * draws.rnorm(tag, key, b, zero))));
  const erFacility = cost("er_facility"),
    erAncillary = cost("er_ancillary"),
    perDay = cost("inpatient_per_day");
  const labCost = cost("lab");
  const ambulatoryCosts = AMBULATORY_KINDS.map((k) => cost(k));
  for (const kind of inputs.careKinds) {
    if (!/^[a-z]/.test(kind.event)) {
      throw new Error(`makeMedicalClaims: care event "${kind.event}" must begin with a lowercase letter`);
    }
  }
  const careCosts = inputs.careKinds.map((k) =>
    cost(["lab", "outpatient_procedure", "office_visit"].includes(k.cost_key) ? k.cost_key : "preventive")
  );
  const careDx = inputs.careKinds.map((k) =>
    d.diagnoses.of(
      ["hba1c_test", "egfr_test", "uacr_test", "eye_exam"].includes(k.event)
        ? "E119"
        : k.event === "bp_reading"
        ? "I10"
        : k.event === "mammogram"
        ? "Z1231"
        : k.event === "colonoscopy" || k.event === "fit_test"
        ? "Z1211"
        : k.event === "flu_vaccine"
        ? "Z23"
        : "Z0000",
    )
  );
  const careEventBytes = inputs.careKinds.map((k) => new TextEncoder().encode(k.event));
  const resultCodes = inputs.resultCodes.map((codes) => codes.map((c) => d.procedures.of(c)));

  // practice types by code, and the provider pool of each practice type and region
  const practiceCodes = new Map<string, number>();
  const practice = (name: string): number => {
    let code = practiceCodes.get(name);
    if (code === undefined) practiceCodes.set(name, code = practiceCodes.size);
    return code;
  };
  const pools = new Map<string, Int32Array>();
  for (const p of inputs.providerPools) pools.set(`${p.practice}|${p.scope}`, Int32Array.from(p.codes));
  const regions = inputs.regions.length;
  const poolTable: (Int32Array | null | undefined)[] = [];
  const poolOf = (practiceCode: number, region: number): Int32Array | null => {
    const at = practiceCode * regions + region;
    let pool = poolTable[at];
    if (pool === undefined) {
      const name = [...practiceCodes].find(([, code]) => code === practiceCode)![0];
      const scope = name === "telehealth" ? "*" : inputs.regions[region]!;
      pool = poolTable[at] = pools.get(`${name}|${scope}`) ?? null;
    }
    return pool;
  };

  const c = {
    institutional: d.claimTypes.of("institutional"),
    professional: d.claimTypes.of("professional"),
    ed: d.services.of("emergency_department"),
    inpatient: d.services.of("inpatient"),
    laboratory: d.services.of("laboratory"),
    pos23: d.places.of("23"),
    pos21: d.places.of("21"),
    pos81: d.places.of("81"),
    erVisit: d.categories.of("er_visit"),
    erLab: d.categories.of("er_lab"),
    erImaging: d.categories.of("er_imaging"),
    emergencyAdmission: d.categories.of("emergency_admission"),
    electiveAdmission: d.categories.of("elective_admission"),
    labPanel: d.categories.of("lab_panel"),
    rev0450: d.revenues.of("0450"),
    rev0300: d.revenues.of("0300"),
    rev0320: d.revenues.of("0320"),
    rev0120: d.revenues.of("0120"),
    rev0360: d.revenues.of("0360"),
    cpt80053: d.procedures.of("80053"),
    cpt71046: d.procedures.of("71046"),
    em: ["99283", "99284", "99285"].map((code) => d.procedures.of(code)),
    hospital: practice("hospital"),
    laboratoryPractice: practice("laboratory"),
    primaryCare: practice("primary_care"),
    clinic: practice("clinic"),
    polyclinic: practice("polyclinic"),
    dentalDx: d.diagnoses.of("K0252"),
  };
  const ambulatoryService = AMBULATORY_SERVICE.map((s) => d.services.of(s));
  const ambulatoryPos = AMBULATORY_POS.map((p) => d.places.of(p));
  const ambulatoryCategory = AMBULATORY_KINDS.map((k) => d.categories.of(k));
  const ambulatoryPractice = ["", "specialist", "telehealth", "urgent_care", "", "imaging", "dental"].map((
    p,
  ) => p === "" ? -1 : practice(p));
  const codesOf = (list: readonly string[]) => list.map((code) => d.procedures.of(code));
  const procedureCodes = codesOf(PROCEDURE_CODES), imagingCodes = codesOf(IMAGING_CODES);
  const dentalCodes = codesOf(DENTAL_CODES), labCodes = codesOf(LAB_CODES);
  const officeCodes = codesOf(["99213", "99214"]), specialistCodes = codesOf(["99204", "99214"]);
  const urgentCode = d.procedures.of("S9083");
  const urgentDx = URGENT_DX.map((x) => d.diagnoses.of(x)),
    generalDx = GENERAL_DX.map((x) => d.diagnoses.of(x));
  const conditionDx = inputs.conditionIcd10.map((x) => d.diagnoses.of(x));
  const carePractice = inputs.careKinds.map((k) => practice(k.practice_type));
  const careCategory = inputs.careKinds.map((k) => d.categories.of(k.procedure_category));
  const careResultCategory = inputs.careKinds.map((k) => d.categories.of(`${k.procedure_category}_result`));
  const careProcedure = inputs.careKinds.map((k) => d.procedures.of(k.procedure_code));
  const careService = inputs.careKinds.map((k) => d.services.of(k.service_category));
  const carePos = inputs.careKinds.map((k) => d.places.of(k.place_of_service));

  const lines = new ClaimLines();

  /** An ER visit's lines: the facility line, and the lab and imaging lines when drawn. */
  const erLines = (r: number, key: Hash64) => {
    lines.n = 0;
    const u = draws.runif(t.em!, key, zero, zero);
    const em = er.avoidable[r]! ? (u < 0.6 ? c.em[0]! : c.em[1]!) : (u < 0.55 ? c.em[1]! : c.em[2]!);
    const day = er.day[r]!, admitted = er.admitted[r] ? 1 : 0;
    const dx1 = d.diagnoses.of(er.icd10[r]!), dx2 = d.diagnoses.of(er.icd10_2[r]!);
    const add = (n: number, procedure: number, category: number, revenue: number, allowed: number) =>
      lines.add(
        n,
        c.hospital,
        key,
        c.institutional,
        c.ed,
        c.pos23,
        day,
        -1,
        dx1,
        dx2,
        procedure,
        category,
        revenue,
        true,
        admitted,
        allowed,
      );
    add(1, em, c.erVisit, c.rev0450, rcost(t.er_fac!, key, one, erFacility));
    if (draws.runif(t.er_line2!, key, zero, zero) < 0.6) {
      add(2, c.cpt80053, c.erLab, c.rev0300, rcost(t.er_lab!, key, two, erAncillary));
    }
    if (draws.runif(t.er_line3!, key, zero, zero) < 0.45) {
      add(
        3,
        c.cpt71046,
        c.erImaging,
        c.rev0320,
        rcost(t.er_img!, key, three, erAncillary, 1.5 * erAncillary.median),
      );
    }
  };

  /** An inpatient stay's line: allowed = round(min(cap, days · rcost('ip', per day, cap 1e9)), 2). */
  const ipLines = (r: number, key: Hash64, providerKey: Hash64) => {
    lines.n = 0;
    const admission = ip.admission_day[r]!, discharge = ip.discharge_day[r]!;
    const daily = rcost(t.ip!, key, one, perDay, perDay.median, 1e9);
    lines.add(
      1,
      c.hospital,
      providerKey,
      c.institutional,
      c.inpatient,
      c.pos21,
      admission,
      discharge,
      d.diagnoses.of(ip.icd10[r]!),
      -1,
      -1,
      ip.emergency[r] ? c.emergencyAdmission : c.electiveAdmission,
      c.rev0120,
      false,
      -1,
      roundCents(Math.min(perDay.cap, (discharge - admission) * daily)),
    );
  };

  // the ambulatory event being made (drawn in the member loop below)
  const event = { kind: 0, condition: -1, day: 0 };
  const rateBuffer = new Float64Array(AMBULATORY_KINDS.length + 1);
  let commercialMember = false;

  /**
   * A member-month's rate λ_c of each ambulatory kind c, and their sum last (as `ambulatory_events.sql`
   * computes them): λ_c = (base_c,lob + per_condition_c·cc) · √frailty / 12, urgent care also
   * · (1 + 0.4·(respiratory − 1)), dental base_lob / 12.
   */
  const ambulatoryRates = (frailty: number, cc: number, monthStart: number): Float64Array => {
    const scale = Math.sqrt(frailty) / 12;
    let total = 0;
    for (let kind = 0; kind < AMBULATORY_KINDS.length; kind++) {
      const r = inputs.ambulatoryRates[kind]!;
      const base = commercialMember ? r.commercial : r.ma;
      let rate = kind === DENTAL ? base / 12 : (base + r.per_condition * cc) * scale;
      if (kind === URGENT) rate *= 1 + 0.4 * (inputs.respiratory[monthOfDay(monthStart) - 1]! - 1);
      rateBuffer[kind] = rate;
      total = kind === 0 ? rate : total + rate;
    }
    rateBuffer[AMBULATORY_KINDS.length] = total;
    return rateBuffer;
  };

  /** The kind whose share of the total holds `u` (uniform times the total), by cumulative sums. */
  const ambulatoryKind = (rates: Float64Array, u: number): number => {
    let sum = rates[0]!;
    if (u < sum) return 0;
    for (let kind = 1; kind < IMAGING; kind++) {
      sum += rates[kind]!;
      if (u < sum) return kind;
    }
    // imaging when u < total − dental, as the SQL writes it
    return u < rates[AMBULATORY_KINDS.length]! - rates[DENTAL]! ? IMAGING : DENTAL;
  };

  /** An ambulatory event's diagnosis: its condition's, else by kind. */
  const ambulatoryDx = (key: Hash64): number => {
    const condition = event.condition, kind = event.kind;
    if (condition >= 0 && conditionDx[condition]! >= 0) return conditionDx[condition]!;
    if (kind === AMBULATORY_KINDS.length - 1) return c.dentalDx;
    const list = kind === URGENT ? urgentDx : generalDx;
    return list[Math.floor(draws.runif(t.amb_gdx!, key, zero, zero) * list.length)]!;
  };

  /** An ambulatory event's line. */
  const ambulatoryLines = (key: Hash64) => {
    lines.n = 0;
    const kind = event.kind;
    let practiceCode = ambulatoryPractice[kind]!;
    if (kind === OFFICE) {
      const u = draws.runif(t.amb_prac!, key, zero, zero);
      practiceCode = u < 0.7 ? c.primaryCare : u < 0.88 ? c.clinic : c.polyclinic;
    } else if (kind === PROCEDURE) {
      practiceCode = draws.runif(t.amb_prac!, key, zero, zero) < 0.6 ? c.hospital : c.polyclinic;
    }
    let procedure: number;
    if (kind === OFFICE) procedure = officeCodes[draws.runif(t.amb_cpt!, key, zero, zero) < 0.55 ? 0 : 1]!;
    else if (kind === SPECIALIST) {
      procedure = specialistCodes[draws.runif(t.amb_cpt!, key, zero, zero) < 0.3 ? 0 : 1]!;
    } else if (kind === TELEHEALTH) procedure = officeCodes[0]!;
    else if (kind === URGENT) procedure = urgentCode;
    else {
      const list = kind === PROCEDURE ? procedureCodes : kind === IMAGING ? imagingCodes : dentalCodes;
      procedure = list[Math.floor(draws.runif(t.amb_cpt!, key, zero, zero) * list.length)]!;
    }
    const hospital = kind === PROCEDURE && practiceCode === c.hospital;
    lines.add(
      1,
      practiceCode,
      key,
      hospital ? c.institutional : c.professional,
      ambulatoryService[kind]!,
      ambulatoryPos[kind]!,
      event.day,
      -1,
      ambulatoryDx(key),
      -1,
      procedure,
      ambulatoryCategory[kind]!,
      hospital ? c.rev0360 : -1,
      false,
      -1,
      rcost(t.amb!, key, one, ambulatoryCosts[kind]!),
    );
  };

  /** The laboratory line of an office or specialist visit (`key`: the visit's; `providerKey`: its `…L`). */
  const labLines = (key: Hash64, providerKey: Hash64) => {
    lines.n = 0;
    lines.add(
      1,
      c.laboratoryPractice,
      providerKey,
      c.professional,
      c.laboratory,
      c.pos81,
      event.day,
      -1,
      ambulatoryDx(key),
      -1,
      labCodes[Math.floor(draws.runif(t.lab_cpt!, key, zero, zero) * 4)]!,
      c.labPanel,
      -1,
      false,
      -1,
      rcost(t.lab!, key, one, labCost),
    );
  };

  /** A care event's line and a zero-dollar line per CPT II result code. */
  const careLines = (r: number, key: Hash64) => {
    lines.n = 0;
    const event = care.event![r]!;
    const add = (n: number, procedure: number, category: number, allowed: number) =>
      lines.add(
        n,
        carePractice[event]!,
        key,
        c.professional,
        careService[event]!,
        carePos[event]!,
        care.day![r]!,
        -1,
        careDx[event]!,
        -1,
        procedure,
        category,
        -1,
        false,
        -1,
        allowed,
      );
    add(1, careProcedure[event]!, careCategory[event]!, rcost(t.care!, key, one, careCosts[event]!));
    const result = care.result![r]!;
    if (result >= 0) {
      const codes = resultCodes[result]!;
      for (let i = 0; i < codes.length; i++) add(2 + i, codes[i]!, careResultCategory[event]!, 0);
    }
  };

  const group = new LineGroup();
  const writer = await ParquetColumnsWriter.create(path, group.columns(d));

  // the claim id being made: `CL`, the member id, then the claim's own part from `base`
  let id = new Uint8Array(256);
  id[0] = 67; // 'C'
  id[1] = 76; // 'L'
  let base = 2;
  /** Writes `text` (ASCII) after the member id; returns the id's length. */
  const idWith = (text: string): number => {
    for (let i = 0; i < text.length; i++) id[base + i] = text.charCodeAt(i);
    return base + text.length;
  };
  const status = (hash: Hash64) => draws.runif(t.status!, hash, zero, zero);
  const isReversed = (u: number) => u >= rejected && u < rejected + reversed;

  let local = 0, region = 0, commercial = false;
  /** Adjudicates the lines in `lines` as the claim `id[0…length)` and adds them to the row group. */
  const emit = (length: number, claimHash: Hash64, u: number, reversal: boolean) => {
    const rejectedClaim = u < rejected;
    const lag = inputs.lagMin +
      Math.floor(draws.runif(t.lag!, claimHash, zero, zero) * (inputs.lagMax - inputs.lagMin + 1));
    const delay = reversal ? 20 + Math.floor(draws.runif(t.reversal!, claimHash, zero, zero) * 40) : 0;
    for (let i = 0; i < lines.n; i++) {
      const pool = poolOf(lines.practice[i]!, region);
      if (pool === null) continue;
      const key = { hi: lines.keyHi[i]!, lo: lines.keyLo[i]! };
      const provider = pool[Math.floor(draws.runif(t.provider!, key, zero, zero) * pool.length)]!;
      const serviceDay = lines.serviceDay[i]!, dischargeDay = lines.dischargeDay[i]!;
      const share = commercial ? inputs.commercialShare[monthOfDay(serviceDay) - 1]! : inputs.maShare;
      const allowed = lines.allowed[i]!;
      const paid = rejectedClaim ? 0 : roundCents(allowed * (1 - share));
      const at = group.n;
      group.ids.set(at, id, length);
      group.line[at] = lines.number[i]!;
      group.member[at] = local;
      group.provider[at] = provider;
      group.claimType[at] = lines.claimType[i]!;
      group.service[at] = lines.service[i]!;
      group.pos[at] = lines.pos[i]!;
      group.serviceDay[at] = serviceDay;
      group.dischargeDay[at] = dischargeDay < 0 ? 0 : dischargeDay;
      group.hasDischarge[at] = dischargeDay < 0 ? 0 : 1;
      group.paidDay[at] = (dischargeDay < 0 ? serviceDay : dischargeDay) + lag + delay;
      group.dx1[at] = lines.dx1[i]!;
      group.dx2[at] = lines.dx2[i]!;
      group.procedure[at] = lines.procedure[i]!;
      group.category[at] = lines.category[i]!;
      group.revenue[at] = lines.revenue[i]!;
      group.er[at] = lines.er[i]!;
      group.admitted[at] = lines.admitted[i] === 1 ? 1 : 0;
      group.hasAdmitted[at] = lines.admitted[i]! < 0 ? 0 : 1;
      group.allowed[at] = reversal ? -allowed : allowed;
      group.paid[at] = reversal ? -paid : paid;
      group.status[at] = reversal ? 2 : rejectedClaim ? 1 : 0;
      group.n++;
    }
  };
  /** Emits the claim in `lines` as `id[0…length)`, then its reversal `…R` when it is reversed. */
  const emitWithReversal = (length: number, claimHash: Hash64, u: number) => {
    emit(length, claimHash, u, false);
    if (isReversed(u)) {
      id[length] = R;
      emit(length + 1, claimHash, u, true);
    }
  };

  try {
    const encoder = new TextEncoder();
    const claims: Claim[] = [];
    let erAt = 0, ipAt = 0, spanAt = 0, mcAt = 0, careAt = 0;
    for (let member = from; member < to; member++) {
      local = member - memberBase;
      region = members.region![local]!;
      commercial = members.is_commercial![local]! === 1;
      commercialMember = commercial;
      const memberBytes = encoder.encode(memberIds[local]);
      if (2 + memberBytes.length + 128 > id.length) {
        id = new Uint8Array(2 * (memberBytes.length + 128));
        id[0] = 67;
        id[1] = 76;
      }
      id.set(memberBytes, 2);
      base = 2 + memberBytes.length;

      // elective stays, ER visits and their stays: a few per member, put in claim-id order with
      // their reversals (`-E0100R` sorts after `-E0100-I`, the stay that followed the visit)
      claims.length = 0;
      const collect = (suffix: string, kind: number, row: number) => {
        if (!(suffix < "-V")) {
          throw new Error(`makeMedicalClaims: claim id suffix "${suffix}" does not sort before "-V"`);
        }
        claims.push({ id: suffix, kind, row, reversal: false });
        const claimHash = hashBytes(id, idWith(suffix));
        if (isReversed(status(claimHash))) claims.push({ id: `${suffix}R`, kind, row, reversal: true });
      };
      erAt = seek(er.member_index, erAt, member);
      for (; erAt < er.member_index.length && er.member_index[erAt] === member; erAt++) {
        collect(er.suffix[erAt]!, KIND_ER, erAt);
      }
      ipAt = seek(ip.member_index, ipAt, member);
      for (; ipAt < ip.member_index.length && ip.member_index[ipAt] === member; ipAt++) {
        collect(ip.suffix[ipAt]!, KIND_IP, ipAt);
      }
      if (claims.length > 0) {
        claims.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        for (const claim of claims) {
          const suffix = claim.reversal ? claim.id.slice(0, -1) : claim.id;
          if (claim.kind === KIND_IP && ip.key_suffix[claim.row] !== suffix) {
            // the stay that followed an ER visit goes to the visit's hospital (keyed by the visit id)
            const providerKey = hashBytes(id, idWith(ip.key_suffix[claim.row]!) - 2, 2);
            const length = idWith(suffix);
            ipLines(claim.row, hashBytes(id, length - 2, 2), providerKey);
          } else {
            const length = idWith(suffix);
            const key = hashBytes(id, length - 2, 2);
            if (claim.kind === KIND_ER) erLines(claim.row, key);
            else ipLines(claim.row, key, key);
          }
          const length = idWith(claim.id);
          const claimHash = hashBytes(id, length - (claim.reversal ? 1 : 0));
          emit(length, claimHash, status(claimHash), claim.reversal);
          if (group.n >= GROUP_ROWS) await flush();
        }
      }

      // ambulatory events, drawn month by month as `ambulatory_events.sql` draws them, in m·100 + k
      // order: `-V<mm><kk>`, its lab claim `…L` (and `…LR`), then `…R`
      spanAt = seek(spans.member_index!, spanAt, member);
      mcAt = seek(memberConditions.member_index!, mcAt, member);
      let cc = 0;
      while (
        mcAt + cc < memberConditions.member_index!.length &&
        memberConditions.member_index![mcAt + cc] === member
      ) {
        cc++;
      }
      const memberHash = hashBytes(id, base - 2, 2);
      const frailty = members.frailty![local]!, deathDay = members.death_day![local]!;
      for (; spanAt < spans.member_index!.length && spans.member_index![spanAt] === member; spanAt++) {
        for (let m = spans.first_m![spanAt]!; m < spans.end_m![spanAt]!; m++) {
          const monthStart = inputs.monthFirstDays[m]!;
          const rates = ambulatoryRates(frailty, cc, monthStart);
          const total = rates[AMBULATORY_KINDS.length]!;
          const mh = hashIndex(m);
          const n = rpois(total, draws.runif(t.amb_n!, memberHash, mh, zero));
          const days = Math.min(inputs.monthLastDays[m]!, deathDay) - monthStart + 1;
          for (let k = 0; k < n; k++) {
            const kh = hashIndex(k);
            event.day = monthStart + Math.floor(draws.runif(t.amb_day!, memberHash, mh, kh) * days);
            event.kind = ambulatoryKind(rates, draws.runif(t.amb_kind!, memberHash, mh, kh) * total);
            event.condition = cc > 0 && draws.runif(t.amb_dx!, memberHash, mh, kh) < 0.65
              ? memberConditions.code![mcAt + Math.floor(draws.runif(t.amb_cond!, memberHash, mh, kh) * cc)]!
              : -1;
            id[base] = DASH;
            id[base + 1] = V;
            digits(id, base + 2, m, 2);
            digits(id, base + 4, k, 2);
            const length = base + 6;
            const key = hashBytes(id, length - 2, 2);
            const claimHash = hashBytes(id, length);
            const u = status(claimHash);
            ambulatoryLines(key);
            emit(length, claimHash, u, false);
            if (
              (event.kind === OFFICE || event.kind === SPECIALIST) &&
              draws.runif(t.lab!, key, zero, zero) < inputs.labPerOfficeVisit
            ) {
              id[length] = L;
              const labHash = hashBytes(id, length + 1);
              labLines(key, hashBytes(id, length - 1, 2));
              emitWithReversal(length + 1, labHash, status(labHash));
            }
            if (isReversed(u)) {
              ambulatoryLines(key);
              id[length] = R;
              emit(length + 1, claimHash, u, true);
            }
            if (group.n >= GROUP_ROWS) await flush();
          }
        }
      }

      // care events in (event, year) order: `-<event>-<year>`
      careAt = seek(care.member_index!, careAt, member);
      for (; careAt < care.member_index!.length && care.member_index![careAt] === member; careAt++) {
        const event = careEventBytes[care.event![careAt]!]!;
        id[base] = DASH;
        id.set(event, base + 1);
        id[base + 1 + event.length] = DASH;
        digits(id, base + 2 + event.length, care.yr![careAt]!, 4);
        const length = base + 6 + event.length;
        const key = hashBytes(id, length - 2, 2);
        const claimHash = hashBytes(id, length);
        careLines(careAt, key);
        emitWithReversal(length, claimHash, status(claimHash));
        if (group.n >= GROUP_ROWS) await flush();
      }
    }
    if (group.n > 0) await flush();
  } catch (error) {
    writer.abandon();
    throw error;
  }
  return await writer.close();

  async function flush(): Promise<void> {
    await writer.writeRowGroup(group.columns(d));
    group.n = 0;
  }
}
