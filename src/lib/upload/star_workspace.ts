import type { Catalogue } from "../stars/catalogue.js";
import { type ContractInfo, contractsFromCms, cutPointsByKey } from "../stars/cms_contracts.js";
import type { CmsCaiRow, CmsMeasureTable, CutPointTable } from "../stars/cms_tables.js";
import type { CutPoints } from "../stars/measure_stars.js";
import type { YearRules } from "../stars/rules.js";
import type { ContractProfile } from "../stars/summary.js";
import {
  type Change,
  evaluate,
  type MeasureState,
  whatIf,
  type WhatIfComparison,
  type WhatIfContext,
  type WhatIfResult,
} from "../stars/whatif.js";
import type { StarFile } from "./star_file.js";

/** Everything read from the uploaded files, merged (a later file of a kind replaces an earlier one). */
export interface StarWorkspace {
  measureStars?: CmsMeasureTable;
  measureData?: CmsMeasureTable;
  cai: CmsCaiRow[];
  cutPoints?: Map<string, CutPointTable>;
  info: Map<string, ContractInfo>;
  scores: Map<string, MeasureState[]>;
}

/** Merges validated files into one workspace; Part C and Part D cut-point files add up. */
export function mergeStarFiles(files: readonly StarFile[]): StarWorkspace {
  const ws: StarWorkspace = { cai: [], info: new Map(), scores: new Map() };
  for (const f of files) {
    const c = f.content;
    if (!c) continue;
    if (c.kind === "cms_measure_stars") ws.measureStars = c.table;
    else if (c.kind === "cms_measure_data") ws.measureData = c.table;
    else if (c.kind === "cms_cai") ws.cai = c.rows;
    else if (c.kind === "cms_cut_points") ws.cutPoints = new Map([...(ws.cutPoints ?? []), ...c.tables]);
    else if (c.kind === "contract_facts") ws.info = new Map([...ws.info, ...c.info]);
    else if ("contracts" in c) {
      for (const [id, states] of c.contracts) ws.scores.set(id, [...(ws.scores.get(id) ?? []), ...states]);
    }
  }
  return ws;
}

/** The contracts a workspace can rate, sorted. */
export function workspaceContracts(ws: StarWorkspace): string[] {
  const ids = new Set([...(ws.measureStars?.contracts.map((c) => c.contractId) ?? []), ...ws.scores.keys()]);
  return [...ids].sort();
}

/** One contract ready for the results view and the What-If. */
export interface ContractView {
  ctx: WhatIfContext;
  /** The measures: published stars (Measure Stars), uploaded scores or rates from member results. */
  measures: MeasureState[];
  /** Published scores by key from Measure Data, when uploaded. */
  published: Map<string, number>;
  /** Where the cut points came from. */
  cutPointSource: "uploaded" | "bundled";
  /** Measures with a score but no cut points (not rated). */
  unrated: string[];
  current: WhatIfResult;
}

/**
 * Builds a contract's view: its profile (from CMS's Measure Stars and CAI when uploaded; otherwise an MA-PD
 * coordinated-care plan, PDP when only Part D measures are given, with the CAI categories of an uploaded CAI
 * file), its measures and cut points (uploaded Cut Points if given, else the bundled ones), and its current
 * stars and ratings from the engine's `evaluate`.
 */
export function contractView(
  ws: StarWorkspace,
  contractId: string,
  catalogue: Catalogue,
  rules: YearRules,
  bundled: { pdp: ReadonlyMap<string, CutPoints>; mapd: ReadonlyMap<string, CutPoints> },
): ContractView {
  const cms = ws.measureStars?.contracts.find((c) => c.contractId === contractId);
  let profile: ContractProfile;
  let measures: MeasureState[];
  if (cms && ws.measureStars) {
    const rated = contractsFromCms(
      { measures: ws.measureStars.measures, contracts: [cms] },
      ws.cai,
      catalogue,
      ws.info,
    )[0];
    if (!rated) {
      throw new Error(`Contract ${contractId}: its organisation type "${cms.organizationType}" is not rated`);
    }
    profile = rated.profile;
    measures = [...rated.stars].map(([key, star]) => ({ key, star }));
  } else {
    measures = ws.scores.get(contractId) ?? [];
    if (measures.length === 0) throw new Error(`No uploaded measures for contract ${contractId}`);
    const onlyD = measures.every((m) => catalogue.byKey.get(m.key)?.part === "D");
    const cai = ws.cai.find((r) => r.contractId === contractId);
    const info = ws.info.get(contractId);
    profile = {
      contractId,
      kind: onlyD ? "pdp" : "ccp",
      offersPartD: onlyD || measures.some((m) => catalogue.byKey.get(m.key)?.part === "D"),
      snp: info?.snp ?? measures.some((m) => m.key === "snp_care_management"),
      isnpOnly: info?.isnpOnly ?? false,
      puertoRicoOnly: cai?.puertoRicoOnly ?? false,
      fac: {
        part_c: cai?.partCFac ?? null,
        part_d: (onlyD ? cai?.partDPdpFac : cai?.partDMaPdFac) ?? null,
        overall: cai?.overallFac ?? null,
      },
      disasterPct: info?.disasterPct ?? null,
    };
  }
  const pdp = profile.kind === "pdp";
  const uploaded = ws.cutPoints ? cutPointsByKey(ws.cutPoints, catalogue, pdp) : undefined;
  const cutPoints = uploaded && uploaded.size > 0 ? uploaded : pdp ? bundled.pdp : bundled.mapd;
  const unrated = measures.filter((m) => m.star === undefined && !cutPoints.has(m.key)).map((m) => m.key);
  measures = measures.filter((m) => !unrated.includes(m.key));
  const data = ws.measureData?.contracts.find((c) => c.contractId === contractId);
  const published = new Map<string, number>();
  for (const m of catalogue.measures) {
    const v = data?.cells.get(m.cmsId)?.value;
    if (v !== undefined) published.set(m.key, v);
  }
  const ctx: WhatIfContext = { catalogue, rules, cutPoints, profile };
  return {
    ctx,
    measures,
    published,
    cutPointSource: uploaded && uploaded.size > 0 ? "uploaded" : "bundled",
    unrated,
    current: evaluate(ctx, measures),
  };
}

/**
 * The What-If of one measure set to a new score: the engine's `whatIf` with a score change (for a measure
 * shown as a published star, its published score from Measure Data is the starting point).
 */
export function scoreWhatIf(view: ContractView, key: string, score: number): WhatIfComparison {
  const measures = view.measures.map((m) => {
    if (m.key !== key || m.score !== undefined) return m;
    const published = view.published.get(key);
    return published === undefined ? m : { key, score: published };
  });
  const state = measures.find((m) => m.key === key);
  if (state?.score === undefined) {
    throw new Error(`What-If ${key}: no score to change (upload Measure Data for published scores)`);
  }
  const change: Change = { key, scoreDelta: score - state.score };
  return whatIf(view.ctx, measures, [change]);
}
