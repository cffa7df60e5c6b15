/**
 * The generative client: `recommend(context)` and `answer(question, context)`, answered by Gemini
 * through the official Google Gen AI SDK when a key is configured, and by the rule library otherwise.
 * Every model reply is checked ({@linkcode checkReply}); a timeout, quota error, safety block, malformed
 * or invented-figure reply gives the rule-library answer with a note saying why.
 */
import type { GoogleGenAI } from "@google/genai";
import { fileURLToPath } from "node:url";
import { inScope, refusal, ruleAnswer, ruleRecommend } from "./rules.ts";
import { type Answer, ANSWER_JSON_SCHEMA, checkReply, type Context } from "./schema.ts";

/** Answers recommendations and questions; `model` is `rules` or the model name. */
export interface GenAiClient {
  readonly model: string;
  recommend(context: Context): Promise<Answer>;
  answer(question: string, context: Context): Promise<Answer>;
}

/** Prompt files by name, versioned in their file name. */
export const PROMPTS = { recommend: "recommend.v1", answer: "answer.v1" } as const;

/** The text of prompt `name` (`loaders/genai/prompts/NAME.md`). */
export function readPrompt(name: string): string {
  return Deno.readTextFileSync(fileURLToPath(new URL(`./prompts/${name}.md`, import.meta.url)));
}

/** Fills a prompt's `{{context}}` and `{{question}}` slots. */
export function fillPrompt(template: string, context: Context, question = ""): string {
  return template.replace("{{question}}", () => JSON.stringify(question))
    .replace("{{context}}", () => JSON.stringify(context, null, 1));
}

/** The rule-library client: deterministic, no network. */
export function rulesClient(): GenAiClient {
  return {
    model: "rules",
    recommend: (context) => Promise.resolve(ruleRecommend(context)),
    answer: (question, context) => Promise.resolve(ruleAnswer(question, context)),
  };
}

/** Settings of the Gemini client. */
export interface GeminiOptions {
  apiKey: string;
  model: string;
  /** The API's base URL (tests point it at a local server). */
  baseUrl?: string;
  /** Per-call timeout (default 20 s). */
  timeoutMs?: number;
  /** Where a line goes when a reply falls back (standard error by default); never the reply text. */
  log?: (line: string) => void;
}

class Fallback extends Error {}

/** The Gemini client. Calls are single-attempt (no SDK retries): a failure falls back at once. */
export function geminiClient(options: GeminiOptions): GenAiClient {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const log = options.log ?? ((line: string) => console.error(line));
  // The SDK is loaded on first use, so rule-library runs never load it (it reads environment
  // variables of its own at import).
  let ai: Promise<GoogleGenAI> | undefined;
  const sdk = () =>
    ai ??= import("@google/genai").then(({ GoogleGenAI }) =>
      new GoogleGenAI({
        apiKey: options.apiKey,
        httpOptions: {
          ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
          timeout: timeoutMs,
          retryOptions: { attempts: 1 },
        },
      })
    );
  const templates = { recommend: readPrompt(PROMPTS.recommend), answer: readPrompt(PROMPTS.answer) };

  async function call(prompt: string, context: Context): Promise<Answer> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const response = await (await sdk()).models.generateContent({
        model: options.model,
        contents: prompt,
        config: {
          temperature: 0,
          responseMimeType: "application/json",
          responseJsonSchema: ANSWER_JSON_SCHEMA,
          abortSignal: abort.signal,
        },
      });
      const blocked = response.promptFeedback?.blockReason;
      if (blocked) throw new Fallback(`the request was blocked (${blocked})`);
      const finish = response.candidates?.[0]?.finishReason;
      if (finish && finish !== "STOP") throw new Fallback(`the reply stopped early (${finish})`);
      const text = response.text;
      if (!text) throw new Fallback("the reply was empty");
      const checked = checkReply(text, context, options.model);
      if (!checked.ok) throw new Fallback(`the reply failed the check: ${checked.reason}`);
      return checked.answer;
    } finally {
      clearTimeout(timer);
    }
  }

  async function guarded(prompt: string, context: Context, rules: () => Answer): Promise<Answer> {
    try {
      return await call(prompt, context);
    } catch (error) {
      const reason = error instanceof Fallback ? error.message : describeError(error);
      log(
        JSON.stringify({
          event: "genai_fallback",
          model: options.model,
          subject: context.subject_type,
          reason,
        }),
      );
      return {
        ...rules(),
        note: `The ${options.model} answer was not used: ${reason}. Rule-library answer shown.`,
      };
    }
  }

  return {
    model: options.model,
    recommend: (context) =>
      guarded(fillPrompt(templates.recommend, context), context, () => ruleRecommend(context)),
    answer(question, context) {
      // Out-of-scope questions are refused here; they never reach the model.
      if (!inScope(question)) return Promise.resolve(refusal());
      return guarded(
        fillPrompt(templates.answer, context, question),
        context,
        () => ruleAnswer(question, context),
      );
    },
  };
}

/** A short reason for a failed call: HTTP status (429 quota, 5xx), timeout, or the error's name. */
export function describeError(error: unknown): string {
  const status = (error as { status?: unknown })?.status;
  if (typeof status === "number") return status === 429 ? "quota or rate limit (HTTP 429)" : `HTTP ${status}`;
  const name = (error as { name?: unknown })?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === "AbortError" || /abort|timed? ?out/i.test(message)) return "the call timed out";
  const code = /got status: (\d{3})/.exec(message)?.[1] ?? /"code":\s*(\d{3})/.exec(message)?.[1];
  if (code) return code === "429" ? "quota or rate limit (HTTP 429)" : `HTTP ${code}`;
  return `the call failed (${typeof name === "string" ? name : "error"})`;
}

/**
 * The client the environment asks for: Gemini when `LODESTAR_GEMINI_API_KEY` is set (model
 * `LODESTAR_GEMINI_MODEL`, default `gemini-2.5-flash`; optional `LODESTAR_GEMINI_BASE_URL`,
 * `LODESTAR_GEMINI_TIMEOUT_MS`), the rule library otherwise.
 */
export function clientFromEnv(
  env: (name: string) => string | undefined = (n) => Deno.env.get(n),
): GenAiClient {
  const apiKey = env("LODESTAR_GEMINI_API_KEY");
  if (!apiKey) return rulesClient();
  const timeout = env("LODESTAR_GEMINI_TIMEOUT_MS");
  const timeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new Error(
      `LODESTAR_GEMINI_TIMEOUT_MS must be a positive whole number of milliseconds ("${timeout}")`,
    );
  }
  return geminiClient({
    apiKey,
    model: env("LODESTAR_GEMINI_MODEL") || "gemini-2.5-flash",
    baseUrl: env("LODESTAR_GEMINI_BASE_URL") || undefined,
    timeoutMs,
  });
}
