/**
 * The caretaker assistant endpoint, `POST /api/assistant` (JSON `{question, member}`), answered after
 * the handler's CSRF, session and caretaker-role checks. The page sends the member's row as it shows
 * it; only the care fields are kept ({@linkcode careContextOf}), identifiers are removed from them and
 * from the question, out-of-scope questions are refused, and the client (Gemini or the rule library)
 * answers from that context and the intervention library. Each call is counted against the user's
 * hourly limit and audited with counts only, never the question or the answer unless `auditBodies`.
 */
import type { Audit } from "./audit.ts";
import { hitUserLimit } from "./user_limit.ts";
import { clientFromEnv, type GenAiClient } from "../loaders/genai/client.ts";
import { memberContext } from "../loaders/genai/contexts.ts";
import { type Intervention, loadLibrary } from "../loaders/genai/library.ts";
import { careContextOf, redactText, RequestError } from "../loaders/genai/redact.ts";

/** Settings of the assistant endpoint. */
export interface AssistantOptions {
  client: GenAiClient;
  library: readonly Intervention[];
  /** The data's as-of date (`YYYY-MM-DD`) given to the context. */
  asOf: string;
  /** Questions per user per hour (default 30). */
  perUserPerHour?: number;
  /** Also audit the redacted question (default false: counts only). */
  auditBodies?: boolean;
}

/** What the endpoint needs from the handler. */
export interface AssistantCall {
  kv: Deno.Kv;
  audit: Audit;
  email: string;
  ip: string;
  now: number;
  fields: Record<string, unknown> | undefined;
}

const MAX_QUESTION = 500;

/** Answers one assistant call: status and JSON body. */
export async function answerAssistant(
  options: AssistantOptions,
  call: AssistantCall,
): Promise<{ status: number; body: Record<string, unknown>; retryAfterS?: number }> {
  const { kv, audit, email, ip } = call;
  const limit = await hitUserLimit(kv, "assistant", email, options.perUserPerHour ?? 30, call.now);
  if (!limit.ok) {
    await audit.record("assistant_limited", { email, ip });
    return {
      status: 429,
      body: { error: "Too many questions this hour; try again later." },
      retryAfterS: limit.retryAfterS,
    };
  }
  const fields = call.fields;
  const question = fields?.question;
  try {
    if (fields === undefined) {
      throw new RequestError("the request must be a JSON object {question, member} of at most 4096 bytes");
    }
    if (typeof question !== "string" || question.trim() === "" || question.length > MAX_QUESTION) {
      throw new RequestError(`question must be a non-empty text of at most ${MAX_QUESTION} characters`);
    }
    const { care, known, removed } = careContextOf(fields?.member);
    const asked = redactText(question, known);
    const context = memberContext(care, options.library, options.asOf);
    const answer = await options.client.answer(asked.text, context);
    await audit.record("assistant", {
      email,
      ip,
      source: answer.source,
      refused: answer.refused === true,
      fallback: answer.note !== undefined,
      question_chars: question.length,
      gaps: care.gaps.length,
      identifiers_removed: removed + asked.removed,
      question: options.auditBodies ? asked.text : undefined,
    });
    return {
      status: 200,
      body: {
        ...answer,
        figures: Object.fromEntries(answer.figures_used.map((f) => [f, context.figures[f]])),
      },
    };
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    await audit.record("assistant_bad_request", { email, ip, reason: error.message });
    return { status: 400, body: { error: error.message } };
  }
}

/**
 * The assistant the environment asks for: Gemini when `LODESTAR_GEMINI_API_KEY` is set, the rule
 * library otherwise (see `clientFromEnv`); `LODESTAR_ASSISTANT_PER_HOUR` questions per user per hour.
 */
export async function assistantFromEnv(
  env: (name: string) => string | undefined,
  asOf: string,
): Promise<AssistantOptions> {
  const perHour = env("LODESTAR_ASSISTANT_PER_HOUR");
  const perUserPerHour = perHour === undefined ? undefined : Number(perHour);
  if (perUserPerHour !== undefined && !(Number.isInteger(perUserPerHour) && perUserPerHour > 0)) {
    throw new Error(`LODESTAR_ASSISTANT_PER_HOUR must be a positive whole number ("${perHour}")`);
  }
  return { client: clientFromEnv(env), library: await loadLibrary(), asOf, perUserPerHour };
}
